"""core/files.py: an upload is stored only when its size, extension and content agree, under a
generated name with its SHA-256; a download is an attachment, never sniffed, and audited."""

import hashlib
import re

import pytest
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.storage import default_storage
from django.http import Http404

from radsafe.core.files import (
    StoredDocument,
    document_response,
    original_name,
    store_document,
    stored_document,
    validate_document,
)
from radsafe.core.models import AuditEvent

from .samples import DOCX, JPEG, OLE, PDF, PNG, XLSX, stored_files, upload


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.mark.parametrize(
    ("name", "content", "label"),
    [
        ("预案.pdf", PDF, "PDF"),
        ("预案.PDF", PDF, "PDF"),
        ("预案.docx", DOCX, "Word"),
        ("预案.doc", OLE, "Word"),
        ("台账.xlsx", XLSX, "Excel"),
        ("台账.xls", OLE, "Excel"),
        ("照片.jpg", JPEG, "JPEG"),
        ("照片.jpeg", JPEG, "JPEG"),
        ("签到表.png", PNG, "PNG"),
    ],
)
def test_each_supported_type_passes(name, content, label):
    assert validate_document(upload(name, content)).label == label


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("预案.pdf", PNG, "扩展名与文件内容不符（扩展名为 .pdf，但内容不是 PDF 文件）"),
        ("照片.png", JPEG, "扩展名与文件内容不符（扩展名为 .png，但内容不是 PNG 文件）"),
        ("照片.jpg", PDF, "扩展名与文件内容不符（扩展名为 .jpg，但内容不是 JPEG 文件）"),
        ("预案.doc", PDF, "扩展名与文件内容不符（扩展名为 .doc，但内容不是 Word 文件）"),
        ("预案.docx", XLSX, "扩展名与文件内容不符（扩展名为 .docx，但内容不是 Word 文件）"),
        ("台账.xlsx", DOCX, "扩展名与文件内容不符（扩展名为 .xlsx，但内容不是 Excel 文件）"),
        ("预案.docx", b"PK\x03\x04 truncated", "扩展名与文件内容不符"),
        ("预案.docx", OLE, "扩展名与文件内容不符（扩展名为 .docx，但内容不是 Word 文件）"),
        ("病毒.exe", b"MZ\x90\x00", "不支持的文件类型“.exe”"),
        ("预案.pdf.html", PDF, "不支持的文件类型“.html”"),
        ("预案", PDF, "不支持的文件类型“无扩展名”"),
        ("预案.pdf", b"", "文件为空"),
    ],
    ids=[
        "png-as-pdf",
        "jpeg-as-png",
        "pdf-as-jpg",
        "pdf-as-doc",
        "xlsx-as-docx",
        "docx-as-xlsx",
        "truncated-zip",
        "ole-as-docx",
        "exe",
        "double-extension",
        "no-extension",
        "empty",
    ],
)
def test_a_bad_file_is_refused_in_chinese_and_nothing_is_stored(media_root, name, content, message):
    with pytest.raises(ValidationError) as refused:
        validate_document(upload(name, content))
    assert message in refused.value.messages[0]
    with pytest.raises(ValidationError):
        store_document(upload(name, content), prefix="readiness/plans")
    assert stored_files(media_root) == []


def test_a_file_over_the_limit_is_refused_from_its_size_without_being_read(tmp_path, media_root):
    path = tmp_path / "big.pdf"
    with open(path, "wb") as handle:
        handle.write(b"%PDF-")
        handle.truncate(21 * 1024 * 1024)  # sparse: no 21 MB in memory or on disk
    with open(path, "rb") as handle:
        with pytest.raises(ValidationError) as refused:
            validate_document(File(handle, name="big.pdf"))
        assert handle.tell() == 0  # not one byte read
    assert refused.value.messages == ["文件过大（上限 20 MB）"]
    assert stored_files(media_root, "readiness") == []


def test_the_limit_is_a_setting(settings):
    settings.RADSAFE_DOCUMENT_MAX_BYTES = 64
    with pytest.raises(ValidationError) as refused:
        validate_document(upload("预案.pdf", PDF + b" " * 64))
    assert refused.value.messages == ["文件过大（上限 0.0625 KB）"]
    assert validate_document(upload("预案.pdf", PDF[:64])).label == "PDF"


def test_a_good_pdf_is_stored_under_a_generated_name_with_its_sha256(media_root):
    stored = store_document(upload("../../etc/应急预案 2025.pdf", PDF), prefix="readiness/plans")
    assert re.fullmatch(r"readiness/plans/[0-9a-f]{32}\.pdf", stored.name)
    assert "应急预案" not in stored.name and ".." not in stored.name
    assert stored.sha256 == hashlib.sha256(PDF).hexdigest()
    assert (stored.original_name, stored.size) == ("应急预案 2025.pdf", len(PDF))
    assert (media_root / stored.name).read_bytes() == PDF
    again = store_document(upload("应急预案 2025.pdf", PDF), prefix="readiness/plans")
    assert again.name != stored.name  # the same file twice is two files, neither overwritten


@pytest.mark.parametrize("prefix", ["../outside", "/absolute", "readiness/../..", "", "A B"])
def test_an_unsafe_prefix_is_a_programming_error(media_root, prefix):
    with pytest.raises(ValueError, match="unsafe storage prefix"):
        store_document(upload("预案.pdf", PDF), prefix=prefix)
    assert stored_files(media_root) == []


def test_the_original_name_loses_folders_and_control_characters_and_keeps_its_extension():
    assert original_name("C:\\用户\\桌面\\预案.pdf", ".pdf") == "预案.pdf"
    assert original_name("预\x00案\n.pdf", ".pdf") == "预案.pdf"
    assert original_name(".pdf", ".pdf") == "document.pdf"
    long = original_name("长" * 500 + ".pdf", ".pdf")
    assert len(long) == 200 and long.endswith(".pdf")


def test_a_block_that_fails_deletes_the_file_it_stored(media_root):
    with (
        pytest.raises(RuntimeError),
        stored_document(upload("预案.pdf", PDF), prefix="readiness/plans") as stored,
    ):
        assert default_storage.exists(stored.name)
        raise RuntimeError("the write failed")
    assert stored_files(media_root) == []
    with stored_document(upload("预案.pdf", PDF), prefix="readiness/plans") as kept:
        pass
    assert stored_files(media_root) == [kept.name]
    with stored_document(None, prefix="readiness/plans") as nothing:
        assert nothing is None


def test_the_download_is_an_audited_attachment_typed_from_its_extension(world, media_root):
    stored = store_document(upload("应急预案.docx", DOCX), prefix="readiness/plans")
    user = world.users["unit1"]
    response = document_response(user=user, obj=world.unit1, document=stored)
    assert b"".join(response.streaming_content) == DOCX
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    assert response["Content-Disposition"].startswith("attachment;")
    assert (
        "filename*=utf-8''%E5%BA%94%E6%80%A5%E9%A2%84%E6%A1%88.docx"
        in (response["Content-Disposition"])
    )
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "sandbox"
    event = AuditEvent.objects.get(action="document.download")
    assert (event.actor, event.object_type, event.object_id) == (
        user,
        "registry.unit",
        str(world.unit1.pk),
    )
    assert event.after == {"name": "应急预案.docx", "sha256": stored.sha256}


def test_no_document_or_a_missing_file_is_a_404_and_not_audited(world, media_root):
    user = world.users["unit1"]
    with pytest.raises(Http404):
        document_response(user=user, obj=world.unit1, document=None)
    gone = StoredDocument(
        name="readiness/plans/" + "0" * 32 + ".pdf", sha256="", original_name="x.pdf", size=1
    )
    with pytest.raises(Http404):
        document_response(user=user, obj=world.unit1, document=gone)
    assert not AuditEvent.objects.filter(action="document.download").exists()
