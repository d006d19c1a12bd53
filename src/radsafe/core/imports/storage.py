"""Keeping an uploaded file between the dry run and the commit.

Through Django's storage API, never the local disk or process memory, because the commit may reach
another worker or host than the dry run (design.md, scale). The name is generated; the person's
file name is only kept for the audit log. The file of an import job that has not succeeded is kept
RADSAFE_IMPORT_KEEP_HOURS, so the job can be run again; a preview nobody confirmed, an hour."""

import re
import uuid
from datetime import timedelta

from django.conf import settings
from django.core.files.storage import default_storage
from django.utils import timezone

from radsafe.core.choices import JobStatus
from radsafe.core.jobs.heartbeat import purge_stale_beats
from radsafe.core.models import ImportJob

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


def upload_exists(path: str) -> bool:
    return is_upload_path(path) and default_storage.exists(path)


def delete_upload(path: str) -> None:
    if is_upload_path(path):
        default_storage.delete(path)


def purge_stale_uploads(*, older_than: timedelta) -> int:
    """Remove previews nobody confirmed, the files of jobs past RADSAFE_IMPORT_KEEP_HOURS and the
    heartbeats jobs left behind (a worker killed). Called when a new file is stored, so no
    scheduler is needed; safe to run from several workers at once."""
    now = timezone.now()
    kept_since = now - timedelta(hours=settings.RADSAFE_IMPORT_KEEP_HOURS)
    kept = set(
        ImportJob.objects.exclude(status=JobStatus.DONE)
        .filter(created_at__gte=kept_since)
        .values_list("upload_path", flat=True)
    )
    purge_stale_beats(before=kept_since)
    try:
        _dirs, files = default_storage.listdir(UPLOAD_DIR)
    except (FileNotFoundError, NotImplementedError):
        return 0
    cutoff = now - older_than
    removed = 0
    for name in files:
        path = f"{UPLOAD_DIR}/{name}"
        if not is_upload_path(path) or path in kept:
            continue
        try:
            if default_storage.get_modified_time(path) < cutoff:
                default_storage.delete(path)
                removed += 1
        except (FileNotFoundError, NotImplementedError):
            continue
    return removed
