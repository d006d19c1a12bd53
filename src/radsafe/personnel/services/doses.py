"""Writes on dose records and investigation notes (issue 4 §3; design.md rule 1). A refused
record changes nothing: every rule is checked before the first write, the overlap with the
person's other records under a lock on the person (`_lock_worker`)."""

import datetime
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from radsafe.core.audit import audit_record, audit_record_many, model_snapshot
from radsafe.core.jobs import progress
from radsafe.core.versioning import ensure_in_scope
from radsafe.core.writes import assign_fields, insert_row, update_row
from radsafe.personnel.dose_flags import LABELS
from radsafe.personnel.dose_periods import Period, PeriodIndex, overlaps_within
from radsafe.personnel.models import DoseInvestigation, DoseRecord, Worker
from radsafe.personnel.selectors.doses import worker_flags

DOSE_FIELDS = ["period_start", "period_end", "hp10_msv", "hp3_msv", "hp007_msv", "service"]


DOSE_LABELS = {"hp10_msv": "Hp(10)", "hp3_msv": "Hp(3)", "hp007_msv": "Hp(0.07)"}


def dose_record_errors(
    *, period_start, period_end, hp10_msv=None, hp3_msv=None, hp007_msv=None, today=None
) -> dict[str, list[str]]:
    """The rules of a record that need no database (period order and length, a period already
    over — a dosimeter is read after its period, so a dose for days to come is a typing error —,
    no negative dose), by field. The one place they live: the form's service and the Excel import
    both ask here."""
    errors: dict[str, list[str]] = {}
    today = today or timezone.localdate()
    if period_start and period_end:
        days = (period_end - period_start).days + 1
        if period_end < period_start:
            errors["period_end"] = [_("结束日期不能早于开始日期")]
        elif period_end > today:
            errors["period_end"] = [
                _("结束日期不能晚于今天（%(today)s）：监测周期结束后才有剂量结果")
                % {"today": today.isoformat()}
            ]
        elif days > settings.RADSAFE_DOSE_MAX_PERIOD_DAYS:
            errors["period_end"] = [
                _("监测周期不得超过 %(max)s 天（当前 %(days)s 天）")
                % {"max": settings.RADSAFE_DOSE_MAX_PERIOD_DAYS, "days": days}
            ]
    values = {"hp10_msv": hp10_msv, "hp3_msv": hp3_msv, "hp007_msv": hp007_msv}
    for name, label in DOSE_LABELS.items():
        value = values[name]
        if value is not None and Decimal(value) < 0:
            errors[name] = [_("%(field)s 剂量不能为负数。") % {"field": label}]
    return errors


def record_errors(record: DoseRecord) -> dict[str, list[str]]:
    """`dose_record_errors` of a record object (the single and the bulk write both check one)."""
    return dose_record_errors(
        period_start=record.period_start,
        period_end=record.period_end,
        hp10_msv=record.hp10_msv,
        hp3_msv=record.hp3_msv,
        hp007_msv=record.hp007_msv,
    )


def overlap_message() -> str:
    return _("该人员已有与此监测周期重叠的剂量记录。")


def _lock_worker(worker_id: int) -> None:
    """Holds the worker's row until the transaction ends (PostgreSQL; SQLite's IMMEDIATE
    transactions already admit one writer), so the overlap check and the write are one step:
    a form entry and an import cannot both add overlapping periods for one person."""
    list(Worker.objects.select_for_update().filter(pk=worker_id).values_list("pk", flat=True))


def _validate(record: DoseRecord) -> None:
    errors = record_errors(record)
    start, end = record.period_start, record.period_end
    if (
        start
        and end
        and "period_end" not in errors
        and DoseRecord.objects.filter(
            worker_id=record.worker_id, period_start__lte=end, period_end__gte=start
        )
        .exclude(pk=record.pk)
        .exists()
    ):
        errors["period_start"] = [overlap_message()]
    record.service = (record.service or "").strip()
    try:
        record.full_clean(exclude=list(errors))
    except ValidationError as error:
        errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)


def dose_record_create(
    *,
    actor,
    worker: Worker,
    period_start: datetime.date | None,
    period_end: datetime.date | None,
    hp10_msv,
    hp3_msv=None,
    hp007_msv=None,
    service: str = "",
) -> DoseRecord:
    record = DoseRecord(
        worker=worker,
        unit_id=worker.unit_id,
        scope_path=worker.scope_path,
        period_start=period_start,
        period_end=period_end,
        hp10_msv=hp10_msv,
        hp3_msv=hp3_msv,
        hp007_msv=hp007_msv,
        service=service,
    )
    with transaction.atomic():
        _lock_worker(record.worker_id)  # the overlap check below must see every other write
        _validate(record)
        return insert_row(record, actor=actor, action="dose.create")


def dose_record_update(
    *, actor, record: DoseRecord, expected_version: int | None, **fields: Any
) -> DoseRecord:
    """A correction (the dosimetry service's amended report), under the optimistic lock. The
    worker stays: flags are keyed by the record's id, so a note explaining this record's flag
    stays with it, and moving the record to another person would carry that note along."""
    before = model_snapshot(record, fields=DOSE_FIELDS)
    assign_fields(record, fields, DOSE_FIELDS, service="dose_record_update")
    with transaction.atomic():
        _lock_worker(record.worker_id)
        _validate(record)
        return update_row(
            record,
            actor=actor,
            action="dose.update",
            before=before,
            expected_version=expected_version,
            fields=DOSE_FIELDS,
            snapshot=_stored_snapshot,
        )


def _stored_snapshot(record: DoseRecord) -> dict[str, Any]:
    """As stored ("0.2" from a form is 0.200), so only real changes reach the audit log."""
    record.refresh_from_db(fields=DOSE_FIELDS)
    return model_snapshot(record, fields=DOSE_FIELDS)


def dose_flag_explain(*, actor, worker: Worker, code: str, key: str, note: str):
    """Only a flag the worker has now can be explained, once; the note is what the bureau reads."""
    note = (note or "").strip()
    if not note:
        raise ValidationError({"note": [_("请填写调查说明。")]})
    if code not in LABELS or not any(
        flag.code == code and flag.key == key for flag in worker_flags(worker)
    ):
        raise ValidationError({"code": [_("该人员没有此剂量异常。")]})
    investigation = DoseInvestigation(
        worker=worker, code=code, key=key, note=note, written_by=actor
    )
    with transaction.atomic():
        try:
            with transaction.atomic():
                investigation.save(force_insert=True)
        except IntegrityError as error:
            raise ValidationError({"code": [_("该剂量异常已有调查说明。")]}) from error
        if actor is not None:
            ensure_in_scope(DoseInvestigation.objects.for_user(actor), investigation)
        audit_record(
            actor=actor,
            action="dose.explain",
            obj=investigation,
            after={"worker": worker.pk, "code": code, "key": key, "note": note},
        )
    return investigation


def dose_records_import(*, actor, records: list[DoseRecord]) -> list[DoseRecord]:
    """New records in bulk: the write of the dosimetry service's file. The rules are those of
    `dose_record_create`, checked for the whole batch in a fixed number of queries instead of a
    few per record (the import's dry run has already named the rows; this is the last word before
    the write), then one INSERT per 500 records and still one dose.create event per record, in one
    transaction: any refusal writes nothing. The workers are locked (PostgreSQL) so two imports
    for the same people cannot both pass the overlap check."""
    if not records:
        return []
    for record in records:
        record.unit_id = record.worker.unit_id
        record.scope_path = record.worker.scope_path
        record.service = (record.service or "").strip()
        errors = record_errors(record)
        try:  # field rules only (digits, lengths): the foreign keys are checked below, in bulk
            record.clean_fields(exclude=["worker", "unit", *errors])
        except ValidationError as error:
            errors.update(error.message_dict)
        if errors:
            raise ValidationError(errors)
        for name in DOSE_LABELS:  # as stored (0.2 is 0.200), so the audit event says so too
            value = getattr(record, name)
            if value is not None:
                setattr(record, name, value.quantize(Decimal("0.001")))
    worker_ids = {record.worker_id for record in records}
    with transaction.atomic():
        workers = Worker.objects.for_user(actor) if actor is not None else Worker.objects.all()
        locked = workers.select_for_update().filter(pk__in=worker_ids).order_by("pk")
        if set(locked.values_list("pk", flat=True)) != worker_ids:
            raise ValidationError(_("该操作会使记录超出您的数据范围。"), code="out_of_scope")
        new = [
            Period(position, record.worker_id, record.period_start, record.period_end)
            for position, record in enumerate(records)
        ]
        stored = PeriodIndex(
            DoseRecord.objects.filter(
                worker_id__in=worker_ids,
                period_start__lte=max(period.end for period in new),
                period_end__gte=min(period.start for period in new),
            ).only("id", "worker_id", "period_start", "period_end")
        )
        if overlaps_within(new) or any(
            stored.overlapping(period.worker_id, period.start, period.end) for period in new
        ):
            raise ValidationError({"period_start": [overlap_message()]})
        for batch in progress.batches(records, 500):  # a background job's progress bar moves
            DoseRecord.objects.bulk_create(batch)
            audit_record_many(
                actor=actor, action="dose.create", objects=batch, after=model_snapshot
            )
    return records
