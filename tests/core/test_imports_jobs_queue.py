"""Import jobs on the real queue of django-tasks-db, in this process: the request only leaves a
row in the database, and a worker that shares nothing else with it — as after a restart of the
web server — finds the job and runs it. And two confirmations of one preview at the same moment
make one job (PostgreSQL: the only database whose writers truly race)."""

import datetime
import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import override_settings
from django.urls import reverse
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from radsafe.core.choices import JobStatus
from radsafe.core.imports import jobs
from radsafe.core.imports.registry import spec_for
from radsafe.core.models import ImportJob
from radsafe.personnel.models import DoseRecord
from tests.personnel.factories import id_number, make_worker
from tests.personnel.test_imports_doses import line, xlsx_bytes
from tests.races import race

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
QUEUE_ONLY = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.RADSAFE_IMPORT_JOB_ROWS = 2
    return tmp_path


def run_the_queue() -> None:
    """What `python -m radsafe db_worker` does with each ready task (its loop also closes the
    connection between tasks, which a test's transaction cannot survive)."""
    worker = Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test",
        excluded_queue_names=[],
    )
    while (task := DBTaskResult.objects.ready().get_locked()) is not None:
        task.claim(worker.worker_id)
        worker.run_task(task)


@pytest.mark.django_db
def test_a_confirmed_job_waits_in_the_database_until_a_worker_runs_it(client_as, world):
    number = id_number()
    worker = make_worker(world.unit1, number=number, name="李明")
    rows = [
        line(worker, number, datetime.date(2023, m, 1), datetime.date(2023, m, 28))
        for m in (1, 2, 3)
    ]
    client = client_as("unit1")
    with override_settings(TASKS=DATABASE_QUEUE):
        ticket = client.post(
            reverse("personnel:dose-import"),
            {"file": SimpleUploadedFile("剂量.xlsx", xlsx_bytes(rows))},
        ).context["ticket"]
        client.post(reverse("personnel:dose-import-commit"), {"ticket": ticket})
        job = ImportJob.objects.get()
        task = DBTaskResult.objects.get(id=job.task_id)
        assert job.status == JobStatus.QUEUED and task.status == "READY"
        assert task.args_kwargs == {"args": [job.pk, 1], "kwargs": {}}
        assert not DoseRecord.objects.exists()

        run_the_queue()
    job.refresh_from_db()
    task.refresh_from_db()
    assert (job.status, task.status, task.return_value) == (JobStatus.DONE, "SUCCESSFUL", "done")
    assert DoseRecord.objects.count() == 3


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs writers that truly race on a database shared between threads (PostgreSQL)",
)
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_simultaneous_confirmations_of_one_preview_make_one_job(world):
    upload_path = f"imports/{uuid.uuid4().hex}.xlsx"

    def confirm(go):
        go()
        job, created = jobs.import_job_create(
            spec=spec_for("dose"),
            actor=world.users["unit1"],
            upload_path=upload_path,
            sha256="0" * 64,
            file_name="剂量.xlsx",
            fingerprint="0" * 64,
            row_count=3,
        )
        return (job.pk, created)

    with override_settings(TASKS=QUEUE_ONLY):
        outcomes = race(confirm, confirm)
    job = ImportJob.objects.get()
    assert sorted(outcomes) == [(job.pk, False), (job.pk, True)]
