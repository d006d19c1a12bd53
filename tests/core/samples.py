"""Small files of each document type, each with its real first bytes, for the upload tests."""

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile

PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 40
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 40 + b"\xff\xd9"
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504


def ooxml(folder: str) -> bytes:
    """A minimal Office Open XML package: `word` for .docx, `xl` for .xlsx."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(f"{folder}/document.xml", "<document/>")
    return buffer.getvalue()


DOCX = ooxml("word")
XLSX = ooxml("xl")


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def stored_files(media_root, folder: str = "") -> list:
    """Every file under MEDIA_ROOT (or one folder of it), as paths relative to it."""
    base = media_root / folder if folder else media_root
    if not base.exists():
        return []
    return sorted(str(p.relative_to(media_root)) for p in base.rglob("*") if p.is_file())
