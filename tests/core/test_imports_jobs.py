"""Import jobs (README "Background jobs"): a confirmed file of more than RADSAFE_IMPORT_JOB_ROWS
rows is committed by the worker, not by the request; the job's page follows it and shows its result.
The tests run on the immediate backend (a task runs as it is queued) or, to hold a job in the
queue, on django-tasks' dummy backend, and then run the task by hand, as the worker would.

Bad input: the stored file replaced or deleted before the worker reads it, a second confirmation
of the same preview, a person whose role or scope changed after the preview, a run that was given
up for dead — each fails clearly, and nothing is written."""

import datetime
import time

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import F
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from radsafe.core.audit import audit_chain_breaks
from radsafe.core.choices import JobStatus, Role
from radsafe.core.imports import jobs, row_limit
from radsafe.core.imports.registry import import_capabilities, spec_for
from radsafe.core.imports.tasks import run_import_job
from radsafe.core.jobs import heartbeat
from radsafe.core.models import AuditEvent, ImportJob
from radsafe.personnel.models import DoseRecord
from tests.personnel.factories import id_number, make_worker
from tests.personnel.test_imports_doses import line, xlsx_bytes

pytestmark = pytest.mark.django_db
D = datetime.date
QUEUE_ONLY = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.RADSAFE_IMPORT_JOB_ROWS = 2  # a 3-row file is a job
    return tmp_path


@pytest.fixture
def person(world):
    number = id_number()
    return make_worker(world.unit1, number=number, name="李明"), number


def rows_of(person, count: int) -> list[dict]:
    worker, number = person
    start = D(2023, 1, 1)
    return [
        line(
            worker,
            number,
            start + datetime.timedelta(days=30 * n),
            start + datetime.timedelta(days=30 * n + 29),
        )
        for n in range(count)
    ]


def preview(client, rows: list[dict]):
    url = reverse("personnel:dose-import")
    response = client.post(url, {"file": SimpleUploadedFile("剂量.xlsx", xlsx_bytes(rows))})
    assert "ticket" in response.context, response.content.decode()[:2000]
    return response


def confirm(client, ticket: str, **kwargs):
    return client.post(reverse("personnel:dose-import-commit"), {"ticket": ticket}, **kwargs)


def job_url(job, suffix: str = "") -> str:
    return reverse(f"imports:job{suffix}", kwargs={"pk": job.pk})


def queued_job(client, person, count: int = 3) -> ImportJob:
    """A confirmed job held in the queue (the dummy backend runs nothing)."""
    ticket = preview(client, rows_of(person, count)).context["ticket"]
    with override_settings(TASKS=QUEUE_ONLY):
        response = confirm(client, ticket)
    job = ImportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == job_url(job)
    assert job.status == JobStatus.QUEUED and job.task_id
    return job


def run(job) -> str:
    """What the worker does with the job's task."""
    return run_import_job.call(job.pk, job.attempt)


# --- the bound and the threshold --------------------------------------------------------------
def test_one_row_bound_for_every_import_and_the_job_threshold(settings):
    assert settings.RADSAFE_IMPORT_MAX_ROWS == 100_000 and row_limit() == 100_000
    assert all(spec.row_limit == 100_000 for spec in [spec_for("dose"), spec_for("worker")])
    assert {spec_for(key).key for key in ("registry", "inventory.source", "inventory.device")}
    assert jobs.needs_job(3) and not jobs.needs_job(2)


def test_tests_run_tasks_on_the_immediate_backend(settings):
    assert settings.TASKS["default"]["BACKEND"].endswith("ImmediateBackend")
    assert settings.RADSAFE_TASKS_BACKEND == "immediate"


def test_a_file_at_the_threshold_is_written_by_the_request_as_before(client_as, world, person):
    client = client_as("unit1")
    response = preview(client, rows_of(person, 2))
    assert 'id="import-background"' not in response.content.decode()
    result = confirm(client, response.context["ticket"], follow=True)
    assert result.redirect_chain[-1][0] == reverse("personnel:dose-list")
    assert "导入完成：新增 2 条剂量记录" in result.content.decode()
    assert DoseRecord.objects.count() == 2 and not ImportJob.objects.exists()


def test_a_file_above_the_threshold_becomes_a_job_whose_page_shows_the_result(
    client_as, world, person, media_root
):
    client = client_as("unit1")
    response = preview(client, rows_of(person, 3))
    assert "确认后由后台任务导入" in response.content.decode()
    result = confirm(client, response.context["ticket"])
    job = ImportJob.objects.get()
    assert result.status_code == 302 and result["Location"] == job_url(job)
    assert job.status == JobStatus.DONE and job.counts == {"create": 3, "update": 0, "unchanged": 0}
    assert (job.actor, job.spec_key, job.row_count) == (world.users["unit1"], "dose", 3)
    assert job.attempt == 1
    assert DoseRecord.objects.count() == 3

    page = client.get(job_url(job)).content.decode()
    assert 'data-status="done"' in page and "已完成" in page and 'aria-valuenow="100"' in page
    assert "导入完成：新增 3 条剂量记录" in page and 'href="/personnel/doses/"' in page
    assert "hx-get" not in page  # finished: nothing to poll
    assert not list((media_root / "imports").iterdir())  # the file goes once imported
    assert not (media_root / "jobs").exists() or not list((media_root / "jobs").iterdir())
    queued = AuditEvent.objects.get(action="import.queue")
    summary = AuditEvent.objects.get(action="dose.import")
    # The commit's events name the request that confirmed it, though the worker wrote them.
    assert summary.request_id == queued.request_id != "" and summary.actor == world.users["unit1"]
    assert list(audit_chain_breaks()) == []


def test_the_page_polls_while_the_job_is_queued_or_running(client_as, person):
    client = client_as("unit1")
    job = queued_job(client, person)
    page = client.get(job_url(job)).content.decode()
    assert 'data-status="queued"' in page and "排队中" in page
    assert f'hx-get="{job_url(job, "-progress")}"' in page and 'hx-trigger="every 1s"' in page

    ImportJob.objects.filter(pk=job.pk).update(status=JobStatus.RUNNING, started_at=timezone.now())
    beat = heartbeat.Beat(job.attempt, time.time(), "writing", 250, 1000)
    heartbeat.write_beat(job.beat_name, beat, number=1)
    fragment = client.get(job_url(job, "-progress")).content.decode()
    assert fragment.startswith('<div id="import-job"') and "<html" not in fragment
    assert 'data-status="running"' in fragment and "写入数据 250 / 1000" in fragment
    assert 'aria-valuenow="47"' in fragment  # writing is 30–99 %: 30 + 69 × 0.25
    assert "hx-get" in fragment


def test_a_job_left_in_the_queue_says_the_worker_may_not_be_running(client_as, person, settings):
    job = queued_job(client_as("unit1"), person)
    waited = datetime.timedelta(seconds=settings.RADSAFE_JOB_STALE_SECONDS + 1)
    ImportJob.objects.filter(pk=job.pk).update(created_at=timezone.now() - waited)
    page = client_as("unit1").get(job_url(job)).content.decode()
    assert "后台任务进程可能没有运行" in page


def test_the_job_page_does_not_save_the_session(client_as, person):
    """A poll must not wait for SQLite's write lock, which a running import holds, nor keep an
    idle session alive: the page and its polls leave the session as they found it."""
    client = client_as("unit1")
    job = queued_job(client, person)
    assert "sessionid" not in client.get(job_url(job, "-progress")).cookies
    assert "sessionid" in client.get(reverse("personnel:dose-list")).cookies


# --- who sees a job ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("name", "status"),
    [
        ("unit1", 200),
        ("unit2", 404),  # the same role, another unit
        ("bureau", 404),  # may import doses too, but did not confirm this one
        ("inspector1", 404),  # imports units, not doses: not theirs either
        ("city", 403),  # no import at all
        ("sysadmin", 403),
    ],
)
def test_only_the_person_who_confirmed_a_job_sees_it(client_as, person, name, status):
    job = queued_job(client_as("unit1"), person)
    client = client_as(name)
    for suffix in ("", "-progress"):
        assert client.get(job_url(job, suffix)).status_code == status
    assert client.post(job_url(job, "-rerun")).status_code in {200: (302,)}.get(status, (status,))


def test_an_anonymous_visitor_is_sent_to_log_in(client, client_as, person):
    job = queued_job(client_as("unit1"), person)
    client.logout()
    response = client.get(job_url(job))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_the_owner_whose_role_lost_the_import_gets_403(client_as, world, person):
    job = queued_job(client_as("unit1"), person)
    world.users["unit1"].role = Role.OVERSIGHT
    world.users["unit1"].save()
    assert client_as("unit1").get(job_url(job)).status_code == 403


def test_every_import_capability_opens_the_job_pages():
    expected = {"unit.import", "inventory.import", "worker.change", "dose.import"}
    assert import_capabilities() == expected


# --- bad input: nothing is written ------------------------------------------------------------
def test_a_file_replaced_before_the_worker_read_it_fails_the_job(client_as, person):
    client = client_as("unit1")
    job = queued_job(client, person)
    default_storage.delete(job.upload_path)
    other = xlsx_bytes(rows_of(person, 4))
    assert default_storage.save(job.upload_path, ContentFile(other)) == job.upload_path

    assert run(job) == "failed"
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED and "文件在预览之后被替换" in job.message
    assert not DoseRecord.objects.exists()
    page = client.get(job_url(job)).content.decode()
    assert 'data-status="failed"' in page and "未写入任何数据" in page


def test_a_file_deleted_before_the_worker_read_it_fails_the_job(client_as, person):
    client = client_as("unit1")
    job = queued_job(client, person)
    default_storage.delete(job.upload_path)
    assert run(job) == "failed"
    job.refresh_from_db()
    assert job.message == "预览过的文件已不存在（已过期或被删除），未写入任何数据。请重新上传文件。"
    assert not DoseRecord.objects.exists()
    assert "重新运行" not in client.get(job_url(job)).content.decode()  # nothing left to run


def test_a_second_confirmation_of_the_same_preview_shows_the_first_job(client_as, person):
    client = client_as("unit1")
    ticket = preview(client, rows_of(person, 3)).context["ticket"]
    with override_settings(TASKS=QUEUE_ONLY):
        first = confirm(client, ticket)
        second = confirm(client, ticket, follow=True)  # the database refuses a second job
    job = ImportJob.objects.get()
    assert first["Location"] == second.redirect_chain[-1][0] == job_url(job)
    assert "该文件已提交导入，以下是该导入任务的进度。" in second.content.decode()
    assert AuditEvent.objects.filter(action="import.queue").count() == 1

    ImportJob.objects.filter(pk=job.pk).update(status=JobStatus.RUNNING, started_at=timezone.now())
    third = confirm(client, ticket)  # still one job while it runs
    assert third["Location"] == job_url(job) and ImportJob.objects.count() == 1
    assert not DoseRecord.objects.exists()


def test_a_confirmation_after_the_job_succeeded_shows_the_job(client_as, person):
    client = client_as("unit1")
    ticket = preview(client, rows_of(person, 3)).context["ticket"]
    confirm(client, ticket)
    again = confirm(client, ticket, follow=True)
    assert "导入完成：新增 3 条剂量记录" in again.content.decode()
    assert DoseRecord.objects.count() == 3 and ImportJob.objects.count() == 1


def test_a_role_changed_after_the_preview_refuses_the_job(client_as, world, person):
    client = client_as("unit1")
    job = queued_job(client, person)
    officer = world.users["unit1"]
    officer.role, officer.unit, officer.jurisdiction = Role.OVERSIGHT, None, world.city
    officer.save()
    assert run(job) == "failed"
    job.refresh_from_db()
    assert job.message == (
        "您的账号已无权进行此导入（角色或账号状态在预览之后已变更），未写入任何数据。"
    )
    assert not DoseRecord.objects.exists()


def test_a_deactivated_account_is_refused_too(client_as, world, person):
    job = queued_job(client_as("unit1"), person)
    world.users["unit1"].is_active = False
    world.users["unit1"].save()
    assert run(job) == "failed" and not DoseRecord.objects.exists()


def test_a_unit_officer_moved_to_another_unit_is_refused_row_by_row(client_as, world, person):
    """The job plans again under the person's scope of now: unit1's workers are no longer theirs."""
    client = client_as("unit1")
    job = queued_job(client, person)
    officer = world.users["unit1"]
    officer.unit = world.unit2
    officer.save()
    assert run(job) == "failed"
    job.refresh_from_db()
    assert job.error_count == 3 and [e["row"] for e in job.errors] == [2, 3, 4]
    assert "未在该单位登记" in job.errors[0]["message"]
    assert not DoseRecord.objects.exists()
    page = client.get(job_url(job)).content.decode()
    assert "导入未完成：发现 3 处错误" in page and "第 2 行" in page and "未在该单位登记" in page


def test_a_bureau_lead_moved_to_another_county_is_refused(client_as, world, person):
    client = client_as("bureau")
    rows = [{**row, "单位统一社会信用代码": world.unit1.credit_code} for row in rows_of(person, 3)]
    ticket = preview(client, rows).context["ticket"]
    with override_settings(TASKS=QUEUE_ONLY):
        confirm(client, ticket)
    job = ImportJob.objects.get()
    lead = world.users["bureau"]
    lead.jurisdiction = world.other_county
    lead.save()
    assert run(job) == "failed"
    job.refresh_from_db()
    assert {e["message"] for e in job.errors} == {"该单位不在您的数据范围内（或尚未登记）"}
    assert not DoseRecord.objects.exists()


def test_a_record_changed_after_the_preview_refuses_the_job(client_as, person):
    worker, _number = person
    job = queued_job(client_as("unit1"), person)
    worker.__class__.objects.filter(pk=worker.pk).update(version=F("version") + 1)
    assert run(job) == "failed"
    job.refresh_from_db()
    assert [e["message"] for e in job.errors] == [
        "自预览以来相关数据已被修改，请重新上传文件预览后再导入。"
    ]
    assert not DoseRecord.objects.exists()


# --- a dead job, run again ---------------------------------------------------------------------
def kill(job, settings) -> None:
    """As the database is left when a worker dies half-way: running, nothing written, no beat."""
    stale = timezone.now() - datetime.timedelta(seconds=settings.RADSAFE_JOB_STALE_SECONDS + 5)
    ImportJob.objects.filter(pk=job.pk).update(status=JobStatus.RUNNING, started_at=stale)


def test_a_job_whose_heartbeat_stopped_is_failed_and_can_be_run_again(client_as, person, settings):
    client = client_as("unit1")
    job = queued_job(client, person)
    kill(job, settings)
    beat = heartbeat.Beat(job.attempt, time.time() - 3600, "writing", 100, 3)
    heartbeat.write_beat(job.beat_name, beat, number=1)
    page = client.get(job_url(job)).content.decode()
    assert 'data-status="failed"' in page and "任务中断" in page and "未写入任何数据" in page
    assert "hx-get" not in page and "重新运行" in page

    result = client.post(job_url(job, "-rerun"), follow=True)  # immediate backend: runs now
    job.refresh_from_db()
    assert result.redirect_chain[-1][0] == job_url(job)
    assert (job.status, job.attempt) == (JobStatus.DONE, 2)
    assert "导入完成：新增 3 条剂量记录" in result.content.decode()
    assert DoseRecord.objects.count() == 3
    assert AuditEvent.objects.get(action="import.rerun").after == {"attempt": 2}
    assert list(audit_chain_breaks()) == []


def test_a_running_job_with_a_fresh_heartbeat_cannot_be_run_again(client_as, person):
    client = client_as("unit1")
    job = queued_job(client, person)
    ImportJob.objects.filter(pk=job.pk).update(status=JobStatus.RUNNING, started_at=timezone.now())
    result = client.post(job_url(job, "-rerun"), follow=True)
    assert "该导入任务不能重新运行" in result.content.decode()
    job.refresh_from_db()
    assert (job.status, job.attempt) == (JobStatus.RUNNING, 1)


def test_a_run_given_up_for_dead_cannot_commit(client_as, person, monkeypatch):
    """The job was run again while this run was still writing: at its end this run finds the
    attempt moved on, so it rolls back everything it wrote."""
    job = queued_job(client_as("unit1"), person)
    real_phase = jobs.progress.phase

    def phase(name, total=None):
        if name == "finishing":  # the page's 重新运行 happens now
            ImportJob.objects.filter(pk=job.pk).update(attempt=F("attempt") + 1)
        real_phase(name, total)

    monkeypatch.setattr(jobs.progress, "phase", phase)
    assert run(job) == "skipped"
    assert not DoseRecord.objects.exists()
    assert not AuditEvent.objects.filter(action__in=["dose.create", "dose.import"]).exists()


def test_a_task_for_an_earlier_attempt_or_a_finished_job_does_nothing(client_as, person):
    job = queued_job(client_as("unit1"), person)
    assert run_import_job.call(job.pk, job.attempt + 1) == "skipped"
    assert run(job) == "done"
    assert run(job) == "skipped"
    assert DoseRecord.objects.count() == 3


def test_an_internal_error_fails_the_job_and_allows_a_rerun(client_as, person, monkeypatch):
    client = client_as("unit1")
    job = queued_job(client, person)

    def broken(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr("radsafe.personnel.imports.doses.dose_records_import", broken)
    with pytest.raises(RuntimeError):
        run(job)
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED and "内部错误" in job.message
    assert not DoseRecord.objects.exists()
    monkeypatch.undo()
    client.post(job_url(job, "-rerun"))
    job.refresh_from_db()
    assert job.status == JobStatus.DONE and DoseRecord.objects.count() == 3


def test_the_files_of_unfinished_jobs_outlive_the_preview_purge(client_as, person, media_root):
    from radsafe.core.imports.storage import purge_stale_uploads

    client = client_as("unit1")
    job = queued_job(client, person)
    preview(client, rows_of(person, 1))  # another preview, not confirmed
    assert purge_stale_uploads(older_than=datetime.timedelta(0)) == 1
    assert default_storage.exists(job.upload_path)


def test_a_job_that_ended_between_the_two_reads_is_not_called_dead(client_as, person, settings):
    """The page read the row (running), the job then stored its outcome and removed its beat:
    no beat is not death, the row is read again."""
    job = queued_job(client_as("unit1"), person)
    kill(job, settings)
    job.refresh_from_db()  # as the page read it: running, started long ago
    ImportJob.objects.filter(pk=job.pk).update(status=JobStatus.DONE, counts={"create": 3})
    state = jobs.job_state(job)
    assert (state.status, state.dead, state.percent) == (JobStatus.DONE, False, 100)


# --- every import takes the same path ---------------------------------------------------------
def worker_rows(world):
    from tests.personnel import test_imports_workers as worker_file

    rows = [worker_file.line(id_number(), name=f"员工{n}") for n in range(3)]
    return worker_file.xlsx_bytes(rows)


def unit_rows(world):
    from tests.registry import test_imports_units as unit_file

    return unit_file.xlsx_bytes([unit_file.row(n) for n in range(3)])


def source_rows(world):
    from tests.factories import StorageSiteFactory
    from tests.inventory import test_imports_sources as source_file

    StorageSiteFactory(unit=world.unit1, name="一号源库")
    return source_file.xlsx_bytes(
        [source_file.row(world, n) for n in range(3)], source_file.HEADERS
    )


def counted(model_path: str):
    from django.apps import apps

    return lambda: apps.get_model(model_path).objects.count()


@pytest.mark.parametrize(
    ("url_name", "user", "content", "count", "message"),
    [
        ("personnel:worker-import", "unit1", worker_rows, "personnel.Worker", "新增 3 名人员"),
        ("registry:unit-import", "inspector1", unit_rows, "registry.Unit", "新增 3 个单位"),
        ("inventory:source-import", "unit1", source_rows, "inventory.Source", "新增 3 枚放射源"),
    ],
)
def test_every_import_commits_a_big_file_in_a_job(
    client_as, world, url_name, user, content, count, message
):
    client = client_as(user)
    before = counted(count)()
    upload = SimpleUploadedFile("f.xlsx", content(world))
    response = client.post(reverse(url_name), {"file": upload})
    assert "ticket" in response.context, response.content.decode()[:3000]
    result = client.post(reverse(f"{url_name}-commit"), {"ticket": response.context["ticket"]})
    job = ImportJob.objects.get()
    assert result["Location"] == job_url(job) and job.status == JobStatus.DONE, job.message
    assert counted(count)() == before + 3
    assert message in client.get(job_url(job)).content.decode()
