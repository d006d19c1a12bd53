"""Uploaded files, in one place (design.md rule 7): size, extension and magic bytes must agree,
documents are kept under a generated name with their SHA-256, and they leave the system only
through a view that loaded their owner through the user's scope, which records the download
(rule 5).

`check_file` is the one implementation of the checks; the Excel imports (core/imports/reading.py)
call it with their own types and messages, the stored documents through `validate_document`.
Checks run cheapest first: a file over the limit is refused from its size without a byte being
read, a wrong type from its name and first bytes."""

import hashlib
import os
import re
import unicodedata
import uuid
import zipfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.utils.translation import gettext as _

from radsafe.core.audit import audit_record

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the compound file of Word 97 / Excel 97


@dataclass(frozen=True)
class FileType:
    """`label` is what the person knows the file as; `zip_folder`, for Office Open XML, is the
    folder every such package has (a .docx renamed .xlsx has the zip magic but no xl/)."""

    label: str
    magic: bytes
    content_type: str
    zip_folder: str = ""


PDF = FileType("PDF", b"%PDF-", "application/pdf")
DOCX = FileType(
    "Word",
    ZIP_MAGIC,
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "word/",
)
XLSX = FileType(
    "Excel", ZIP_MAGIC, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xl/"
)
DOC = FileType("Word", OLE_MAGIC, "application/msword")
XLS = FileType("Excel", OLE_MAGIC, "application/vnd.ms-excel")
JPEG = FileType("JPEG", b"\xff\xd8\xff", "image/jpeg")
PNG = FileType("PNG", b"\x89PNG\r\n\x1a\n", "image/png")

DOCUMENT_TYPES: dict[str, FileType] = {
    ".pdf": PDF,
    ".docx": DOCX,
    ".doc": DOC,
    ".xlsx": XLSX,
    ".xls": XLS,
    ".jpg": JPEG,
    ".jpeg": JPEG,
    ".png": PNG,
}
# For the file input's `accept`: the browser offers only these, the server still checks.
DOCUMENT_ACCEPT = ",".join(DOCUMENT_TYPES)
_PREFIX = re.compile(r"^[a-z0-9_-]+(/[a-z0-9_-]+)*$")
MAX_ORIGINAL_NAME = 200


# --- messages ----------------------------------------------------------------------------------
def format_limit(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):g} MB"
    return f"{size / 1024:g} KB"


def too_large_message(max_bytes: int) -> str:
    return _("文件过大（上限 %(limit)s）") % {"limit": format_limit(max_bytes)}


def unsupported_message(extension: str) -> str:
    return _("不支持的文件类型“%(extension)s”（可上传 PDF、Word、Excel、JPEG、PNG 文件）") % {
        "extension": extension or _("无扩展名")
    }


def mismatch_message(extension: str, kind: FileType) -> str:
    return _("扩展名与文件内容不符（扩展名为 %(extension)s，但内容不是 %(label)s 文件）") % {
        "extension": extension,
        "label": kind.label,
    }


# --- checks ------------------------------------------------------------------------------------
def extension_of(name: str | None) -> str:
    return os.path.splitext(name or "")[1].lower()


def check_file(
    file,
    *,
    types: Mapping[str, FileType],
    max_bytes: int,
    max_unzipped: int | None = None,
    wrong_type: str | None = None,
) -> FileType:
    """The type of a Django `File` whose size, extension and content agree; ValidationError with
    a Chinese message otherwise. `wrong_type` replaces both type messages (an import that takes
    only .xlsx says so in one sentence); `max_unzipped` refuses a zip that unpacks to more."""
    size = file.size
    if size > max_bytes:
        raise ValidationError(too_large_message(max_bytes), code="too_large")
    if size == 0:
        raise ValidationError(_("文件为空"), code="empty")
    extension = extension_of(file.name)
    kind = types.get(extension)
    if kind is None:
        raise ValidationError(wrong_type or unsupported_message(extension), code="unsupported")
    mismatch = ValidationError(wrong_type or mismatch_message(extension, kind), code="mismatch")
    file.seek(0)
    head = file.read(len(kind.magic))
    file.seek(0)
    if head != kind.magic:
        raise mismatch
    if kind.zip_folder:
        _check_zip(file, kind, mismatch, max_unzipped, max_bytes)
    return kind


def _check_zip(
    file, kind: FileType, mismatch: ValidationError, max_unzipped: int | None, max_bytes: int
) -> None:
    """Reads only the zip's central directory; nothing is inflated."""
    try:
        with zipfile.ZipFile(file) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise mismatch from error
    finally:
        file.seek(0)
    if not any(info.filename.startswith(kind.zip_folder) for info in infos):
        raise mismatch
    if max_unzipped is not None and sum(info.file_size for info in infos) > max_unzipped:
        raise ValidationError(too_large_message(max_bytes), code="too_large")


def file_sha256(file) -> str:
    digest = hashlib.sha256()
    file.seek(0)
    for chunk in iter(lambda: file.read(64 * 1024), b""):
        digest.update(chunk)
    file.seek(0)
    return digest.hexdigest()


def validate_document(file) -> FileType:
    """An uploaded document (PDF, Word, Excel, JPEG, PNG) within RADSAFE_DOCUMENT_MAX_BYTES."""
    return check_file(file, types=DOCUMENT_TYPES, max_bytes=settings.RADSAFE_DOCUMENT_MAX_BYTES)


# --- storage -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class StoredDocument:
    """`name` is the storage name (generated); `original_name` is the person's, kept only to be
    shown and offered back as the download's file name."""

    name: str
    sha256: str
    original_name: str
    size: int


def original_name(name: str | None, extension: str) -> str:
    """The file name without any folder or control character, short enough for its column and
    keeping its extension."""
    base = os.path.basename((name or "").replace("\\", "/"))
    base = "".join(c for c in base if unicodedata.category(c)[0] != "C").strip()
    if extension and base.lower().endswith(extension):
        base = base[: -len(extension)]
    stem = base[: MAX_ORIGINAL_NAME - len(extension)]
    return f"{stem or 'document'}{extension}"


def store_document(file, *, prefix: str) -> StoredDocument:
    """Check the file again (no caller can store an unchecked one) and save it as
    `<prefix>/<uuid><extension>` through the storage API (local disk or object storage); the
    person's file name never reaches the path."""
    if not _PREFIX.match(prefix):
        raise ValueError(f"unsafe storage prefix {prefix!r}")
    validate_document(file)
    extension = extension_of(file.name)
    digest = file_sha256(file)
    name = default_storage.save(f"{prefix}/{uuid.uuid4().hex}{extension}", file)
    return StoredDocument(
        name=name,
        sha256=digest,
        original_name=original_name(file.name, extension),
        size=file.size,
    )


@contextmanager
def stored_document(file, *, prefix: str) -> Iterator[StoredDocument | None]:
    """Store `file` (None: nothing) for the block; if the block raises, including a transaction
    inside it failing to commit, the file is deleted again, so a refused write leaves none.

        with stored_document(upload, prefix="readiness/plans") as stored, transaction.atomic():
            ...
    """
    if file is None:
        yield None
        return
    stored = store_document(file, prefix=prefix)
    try:
        yield stored
    except BaseException:
        default_storage.delete(stored.name)
        raise


def content_type_for(name: str) -> str:
    kind = DOCUMENT_TYPES.get(extension_of(name))
    return kind.content_type if kind else "application/octet-stream"


def document_response(
    *, user, obj, document: StoredDocument | None, action: str = "document.download"
) -> FileResponse:
    """The download of a document whose owner `obj` the caller loaded through the user's scope.
    Always an attachment, typed from the extension the checks agreed with, never sniffed; the
    download is an audit event. A missing document or file is a 404."""
    if document is None:
        raise Http404
    try:
        handle = default_storage.open(document.name, "rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    audit_record(
        actor=user,
        action=action,
        obj=obj,
        after={"name": document.original_name, "sha256": document.sha256},
    )
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=document.original_name,
        content_type=content_type_for(document.name),
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox"
    response["Cache-Control"] = "private, no-store"
    return response
