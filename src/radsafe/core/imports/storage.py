"""Keeping an uploaded file between the dry run and the commit.

Through Django's storage API, never the local disk or process memory, because the commit may reach
another worker or host than the dry run (design.md, scale). The name is generated; the person's
file name is only kept for the audit log."""

import re
import uuid
from datetime import timedelta

from django.core.files.storage import default_storage
from django.utils import timezone

UPLOAD_DIR = "imports"
_UPLOAD_NAME = re.compile(rf"^{UPLOAD_DIR}/[0-9a-f]{{32}}\.xlsx$")


def is_upload_path(path: str) -> bool:
    return bool(_UPLOAD_NAME.match(path or ""))


def store_upload(file) -> str:
    file.seek(0)
    return default_storage.save(f"{UPLOAD_DIR}/{uuid.uuid4().hex}.xlsx", file)


def open_upload(path: str):
    if not is_upload_path(path):
        raise FileNotFoundError(path)
    return default_storage.open(path, "rb")


def delete_upload(path: str) -> None:
    if is_upload_path(path):
        default_storage.delete(path)


def purge_stale_uploads(*, older_than: timedelta) -> int:
    """Remove previews nobody confirmed. Called when a new file is stored, so no scheduler is
    needed; safe to run from several workers at once."""
    try:
        _dirs, files = default_storage.listdir(UPLOAD_DIR)
    except (FileNotFoundError, NotImplementedError):
        return 0
    cutoff = timezone.now() - older_than
    removed = 0
    for name in files:
        path = f"{UPLOAD_DIR}/{name}"
        if not is_upload_path(path):
            continue
        try:
            if default_storage.get_modified_time(path) < cutoff:
                default_storage.delete(path)
                removed += 1
        except (FileNotFoundError, NotImplementedError):
            continue
    return removed
