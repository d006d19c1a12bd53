"""Imports committed by the background worker: a confirmed file of more than
RADSAFE_IMPORT_JOB_ROWS rows becomes an `ImportJob`, so the request that confirms it only queues
it, and the page follows the job (README, "Background jobs").

The job does what the confirmation page does for a small file, in the worker: it reads the stored
file again, checks that its SHA-256 is the one that was previewed, and calls the spec's commit,
which plans again under the person's current role and scope and refuses a plan whose fingerprint
is not the preview's. The commit stays one transaction, and the job is marked done inside it:
what is written and what the job says cannot disagree. A job whose worker dies half-way has
written nothing; its heartbeat stops (`radsafe.core.jobs.heartbeat`), the page shows it failed,
and it may be run again while its file is kept (until it succeeds, or RADSAFE_IMPORT_KEEP_HOURS).
A run carries its `attempt`: a run that was given up for dead and replaced can no longer mark the
job done, so it rolls back whatever it wrote."""

import logging
import time
from dataclasses import asdict, dataclass
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from radsafe.core.audit import audit_record, normal_ip
from radsafe.core.choices import JobStatus
from radsafe.core.context import RequestContext, current_request
from radsafe.core.files import file_sha256
from radsafe.core.imports.plans import SHOWN_ROWS, ImportRejected, RowError
from radsafe.core.imports.reading import ImportSheet, validate_upload
from radsafe.core.imports.registry import spec_for
from radsafe.core.imports.storage import delete_upload, open_upload, upload_exists
from radsafe.core.jobs import heartbeat, progress
from radsafe.core.jobs.progress import Progress
from radsafe.core.models import ImportJob
from radsafe.core.permissions import has_capability

logger = logging.getLogger(__name__)

DEAD_MESSAGE = gettext_lazy(
    "任务中断：处理该任务的后台进程已停止，未写入任何数据。可点击“重新运行”。"
)


class JobRefused(Exception):
    """The whole job refused before or instead of a plan, with a message for the person."""


class _Superseded(Exception):
    """This run was given up for dead and the job run again: roll back, record nothing."""


def needs_job(row_count: int) -> bool:
    return row_count > settings.RADSAFE_IMPORT_JOB_ROWS


# --- the request's side ----------------------------------------------------------------------
def import_job_create(
    *,
    spec,
    actor,
    upload_path: str,
    sha256: str,
    file_name: str,
    fingerprint: str,
    row_count: int,
) -> tuple[ImportJob, bool]:
    """Queue the commit of a confirmed preview: (the job, True), or (the job already queued for
    this preview, False). The database's uniqueness of the upload decides, so two confirmations
    racing each other make one job, on SQLite and PostgreSQL alike."""
    context = current_request.get()
    job = ImportJob(
        spec_key=spec.key,
        actor=actor,
        upload_path=upload_path,
        sha256=sha256,
        file_name=file_name[:255],
        fingerprint=fingerprint,
        row_count=row_count,
        language=translation.get_language() or "",
        request_id=context.request_id,
        ip=normal_ip(context.ip),
    )
    try:
        with transaction.atomic():
            job.save(force_insert=True)
            audit_record(
                actor=actor,
                action="import.queue",
                object_type="core.importjob",
                object_id=job.pk,
                object_repr=job.file_name,
                after={"import": spec.key, "sha256": sha256, "rows": row_count},
            )
            _enqueue(job)
    except IntegrityError:
        existing = ImportJob.objects.filter(upload_path=upload_path, actor=actor).first()
        if existing is None:
            raise
        return existing, False
    job.refresh_from_db()
    return job, True


def import_job_rerun(*, job: ImportJob, actor) -> ImportJob:
    """Run a failed job again, as the same person, from the same file and preview."""
    if not job_state(job).can_rerun:
        raise ValidationError(_("该导入任务不能重新运行（任务未失败，或文件已过期）。"))
    with transaction.atomic():
        reset = ImportJob.objects.filter(pk=job.pk, attempt=job.attempt, status=job.status).update(
            status=JobStatus.QUEUED,
            attempt=F("attempt") + 1,
            counts=None,
            errors=None,
            error_count=0,
            message="",
            started_at=None,
            finished_at=None,
        )
        if not reset:
            raise ValidationError(_("该导入任务的状态已变化，请刷新页面后再试。"))
        job.refresh_from_db()
        audit_record(
            actor=actor,
            action="import.rerun",
            object_type="core.importjob",
            object_id=job.pk,
            object_repr=job.file_name,
            after={"attempt": job.attempt},
        )
        _enqueue(job)
    job.refresh_from_db()
    return job


def _enqueue(job: ImportJob) -> None:
    from radsafe.core.imports.tasks import run_import_job

    result = run_import_job.enqueue(job.pk, job.attempt)
    ImportJob.objects.filter(pk=job.pk, attempt=job.attempt).update(task_id=str(result.id))


# --- what the page shows ---------------------------------------------------------------------
@dataclass(frozen=True)
class JobState:
    """A job as the page shows it: a running job whose heartbeat stopped is failed."""

    job: ImportJob
    status: str
    progress: Progress
    dead: bool = False

    @property
    def label(self):
        return JobStatus(self.status).label

    @property
    def active(self) -> bool:
        return self.status in (JobStatus.QUEUED, JobStatus.RUNNING)

    @property
    def percent(self) -> int:
        return 100 if self.status == JobStatus.DONE else self.progress.percent

    @property
    def message(self) -> str:
        return str(DEAD_MESSAGE) if self.dead else self.job.message

    @property
    def waiting_long(self) -> bool:
        """Queued for longer than a worker takes to notice: is a worker running at all?"""
        waited = timezone.now() - self.job.created_at
        return self.status == JobStatus.QUEUED and waited > timedelta(
            seconds=settings.RADSAFE_JOB_STALE_SECONDS
        )

    @property
    def can_rerun(self) -> bool:
        return self.status == JobStatus.FAILED and upload_exists(self.job.upload_path)


def job_state(job: ImportJob) -> JobState:
    if job.status != JobStatus.RUNNING:
        return JobState(job, job.status, Progress())
    beat = heartbeat.read_beat(job.beat_name)
    if beat is not None and beat.attempt == job.attempt:
        last, state = beat.at, beat.progress
    else:  # started, no beat yet (or only an earlier run's), or ended since the row was read
        started = job.started_at or job.created_at
        last, state = started.timestamp(), Progress()
    if not heartbeat.is_stale(last):
        return JobState(job, JobStatus.RUNNING, state)
    # A job stores its outcome before it removes its beat: read the row again before calling
    # the job dead, in case it ended between the two reads.
    job.refresh_from_db()
    if job.status != JobStatus.RUNNING:
        return job_state(job)
    return JobState(job, JobStatus.FAILED, state, dead=True)


# --- the worker's side -----------------------------------------------------------------------
def import_job_run(*, job_id: int, attempt: int) -> str:
    """The task's body: "done", "failed", or "skipped" when this run is not the job's to make
    (already run, or run again since it was queued)."""
    claimed = ImportJob.objects.filter(pk=job_id, attempt=attempt, status=JobStatus.QUEUED).update(
        status=JobStatus.RUNNING, started_at=timezone.now()
    )
    if not claimed:
        return "skipped"
    job = ImportJob.objects.select_related("actor").get(pk=job_id)
    reporter = progress.Reporter()
    # The audit events of the commit name the request that confirmed it.
    token = current_request.set(RequestContext(request_id=job.request_id, ip=job.ip))
    try:
        with (
            translation.override(job.language or settings.LANGUAGE_CODE),
            progress.reporting(reporter),
            heartbeat.beating(job.beat_name, attempt, reporter),
        ):
            outcome = _run(job, attempt)
    finally:
        current_request.reset(token)
    heartbeat.delete_beat(job.beat_name)
    return outcome


def _run(job: ImportJob, attempt: int) -> str:
    started = time.monotonic()
    try:
        plan, transaction_seconds = _commit(job, attempt)
    except ImportRejected as rejected:
        _failed(job, attempt, errors=rejected.errors)
        return "failed"
    except JobRefused as refused:
        _failed(job, attempt, message=str(refused))
        return "failed"
    except ValidationError as error:  # the whole import refused by its plan (an account change)
        _failed(job, attempt, message=" ".join(error.messages))
        return "failed"
    except _Superseded:
        return "skipped"
    except (KeyboardInterrupt, SystemExit):  # the worker told to stop now: rolled back
        _failed(job, attempt, message=str(DEAD_MESSAGE))
        raise
    except Exception:
        logger.exception("import job %s (attempt %s) failed", job.pk, attempt)
        _failed(
            job,
            attempt,
            message=_(
                "导入时发生内部错误，未写入任何数据。可重新运行；如仍失败，请联系系统管理员。"
            ),
        )
        raise
    logger.info(
        "import job %s: %s rows, %s, in %.1f s, of which %.1f s in its transaction",
        job.pk,
        job.row_count,
        plan.counts,
        time.monotonic() - started,
        transaction_seconds,
    )
    delete_upload(job.upload_path)
    return "done"


def _commit(job: ImportJob, attempt: int):
    spec = spec_for(job.spec_key)
    if spec is None:
        raise JobRefused(_("系统中已没有此类导入，未写入任何数据。"))
    actor = job.actor
    if not has_capability(actor, spec.capability):
        raise JobRefused(
            _("您的账号已无权进行此导入（角色或账号状态在预览之后已变更），未写入任何数据。")
        )
    progress.phase("reading", total=job.row_count)
    sheet = _read(job, spec)
    began = time.monotonic()
    with transaction.atomic():
        plan = spec.commit(
            rows=sheet.rows,
            actor=actor,
            sha256=sheet.sha256,
            file_name=job.file_name,
            expected_fingerprint=job.fingerprint,
        )
        progress.phase("finishing")
        done = ImportJob.objects.filter(
            pk=job.pk, attempt=attempt, status=JobStatus.RUNNING
        ).update(status=JobStatus.DONE, counts=plan.counts, finished_at=timezone.now())
        if not done:
            raise _Superseded
    return plan, time.monotonic() - began


def _read(job: ImportJob, spec) -> ImportSheet:
    try:
        file = open_upload(job.upload_path)
    except OSError as error:
        raise JobRefused(
            _("预览过的文件已不存在（已过期或被删除），未写入任何数据。请重新上传文件。")
        ) from error
    with file:
        if file_sha256(file) != job.sha256:
            raise JobRefused(
                _("文件在预览之后被替换，与确认导入的文件不一致，未写入任何数据。请重新上传文件。")
            )
        try:
            return validate_upload(file, columns=spec.columns, max_rows=spec.row_limit)
        except ValidationError as error:
            raise JobRefused(" ".join(error.messages)) from error


def _failed(
    job: ImportJob, attempt: int, *, message: str = "", errors: list[RowError] = ()
) -> None:
    ImportJob.objects.filter(pk=job.pk, attempt=attempt, status=JobStatus.RUNNING).update(
        status=JobStatus.FAILED,
        message=message,
        errors=[asdict(error) for error in errors[:SHOWN_ROWS]],
        error_count=len(errors),
        finished_at=timezone.now(),
    )
