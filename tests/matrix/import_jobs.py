"""The page of an import job, its polled progress and 重新运行: only the person who confirmed the
import (404 for anyone else who imports anything, 403 for a role without any import)."""

import uuid

from . import Entry

IMPORTERS = {"bureau", "inspector1", "inspector2", "unit1", "unit2"}


def unit1_job(world):
    from radsafe.core.models import ImportJob

    job = ImportJob.objects.create(
        spec_key="dose",
        actor=world.users["unit1"],
        upload_path=f"imports/{uuid.uuid4().hex}.xlsx",
        sha256="0" * 64,
        fingerprint="0" * 64,
        row_count=3,
    )
    return {"pk": job.pk}


ENTRIES: dict[str, Entry] = {
    "imports:job": Entry(IMPORTERS, kwargs=unit1_job, scope={"unit1"}),
    "imports:job-progress": Entry(IMPORTERS, kwargs=unit1_job, scope={"unit1"}),
    "imports:job-rerun": Entry(
        IMPORTERS, kwargs=unit1_job, scope={"unit1"}, method="post", ok=(302,)
    ),
}
