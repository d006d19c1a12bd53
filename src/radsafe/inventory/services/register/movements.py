"""The movement register (出入库记录) of sealed sources: check-out, return, status change, and the
projection of a source's current status and place from its events.

A source's `status`, `site` and `is_checked_out` are a projection of its events, stored on the row
so lists can filter on them. Every service here writes the event and the projection in one
transaction, with the source row locked (select_for_update), so two people checking out the same
source at the same time cannot both succeed; `project()` is the replay the stored projection must
always equal, and the reconciliation page replays with it too."""

import datetime
from collections.abc import Iterable
from typing import NamedTuple

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from radsafe.core.audit import audit_record, model_snapshot
from radsafe.core.versioning import ensure_in_scope, save_versioned
from radsafe.inventory import workflows
from radsafe.inventory.choices import GONE_STATUSES, INCIDENT_STATUSES, MovementKind, SourceStatus
from radsafe.inventory.models import Incident, Movement, PhysicalCount, Source, StorageSite
from radsafe.inventory.services.register.offsite import covering_filing
from radsafe.personnel.models import Worker
from radsafe.personnel.selectors.workers import holds_valid_result

S = SourceStatus
K = MovementKind
# Which steps are possible from which status, and for whom: `inventory/workflows.py`.


class Projection(NamedTuple):
    """What the register says about a source: its status, its store and whether it is out."""

    status: str | None
    site_id: int | None
    is_checked_out: bool


EMPTY = Projection(None, None, False)


def apply_event(state: Projection, event) -> Projection:
    """One step of the replay. `event` needs `kind`, `to_status` and `site_id` (a Movement or
    anything shaped like one)."""
    kind = event.kind
    if kind in (K.ARRIVAL, K.TRANSFER_IN):
        return Projection(event.to_status or S.STORED, event.site_id, False)
    if kind == K.CHECK_OUT:
        return state._replace(is_checked_out=True)
    if kind == K.RETURN:
        return state._replace(is_checked_out=False, site_id=event.site_id)
    if kind == K.TRANSFER_OUT:
        return Projection(S.TRANSFERRED, None, False)
    if kind == K.SENT_FOR_STORAGE:
        return Projection(S.SENT_FOR_STORAGE, None, False)
    if kind == K.STATUS_CHANGE:
        site_id = None if event.to_status in GONE_STATUSES else state.site_id
        return state._replace(status=event.to_status, site_id=site_id)
    raise ValueError(f"unknown movement kind {kind!r}")


def project(events: Iterable, initial: Projection = EMPTY) -> Projection:
    """Replay a source's events, oldest first (by occurred_at, then id)."""
    state = initial
    for event in events:
        state = apply_event(state, event)
    return state


def stored_projection(source: Source) -> Projection:
    return Projection(source.status, source.site_id, source.is_checked_out)


# --- helpers shared by the register services -----------------------------------------------------


def lock_source(source: Source) -> Source:
    """The source row re-read under a row lock (PostgreSQL: FOR UPDATE; SQLite's IMMEDIATE
    transactions already admit one writer). Must run inside transaction.atomic()."""
    # Only the source row: locking its unit and nuclide too would make every writer of that unit
    # wait (and deadlock against the audit chain, issue 12).
    return (
        Source.objects.select_for_update(of=("self",))
        .select_related("nuclide", "unit")
        .get(pk=source.pk)
    )


def check_actor_scope(actor, source: Source) -> None:
    if actor is not None:
        ensure_in_scope(Source.objects.for_user(actor), source)


def check_time(occurred_at: datetime.datetime, field: str = "occurred_at") -> None:
    if occurred_at > timezone.now() + datetime.timedelta(minutes=5):
        raise ValidationError({field: _("时间不能晚于当前时间。")})


def check_after_latest(source: Source, occurred_at: datetime.datetime, field: str) -> None:
    """Events are appended in time order, so replaying them in time order gives what the services
    stored. A late entry dated before the last event would rewrite history silently."""
    latest = (
        Movement.objects.filter(source_id=source.pk)
        .order_by("-occurred_at", "-id")
        .values_list("occurred_at", flat=True)
        .first()
    )
    if latest is not None and occurred_at < latest:
        raise ValidationError(
            {
                field: _("时间不能早于该放射源最近一条出入库记录的时间（%(time)s）。")
                % {"time": timezone.localtime(latest).strftime("%Y-%m-%d %H:%M")}
            }
        )


def append_event(locked: Source, movement: Movement, *, extra_fields: tuple[str, ...] = ()):
    """Save the event and move the stored projection by exactly that event."""
    movement.full_clean()
    movement.save()
    state = apply_event(stored_projection(locked), movement)
    locked.status, locked.site_id, locked.is_checked_out = state
    save_versioned(
        locked,
        expected_version=None,
        fields=["status", "site", "is_checked_out", *extra_fields],
    )
    return movement


def _sync(caller_copy: Source, locked: Source) -> None:
    """Give the caller's instance the row's new state, so it need not refresh."""
    for name in ("unit_id", "status", "site_id", "is_checked_out", "version", "updated_at"):
        setattr(caller_copy, name, getattr(locked, name))


def _required(value: str, field: str, message: str) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationError({field: message})
    return value


def _audit(actor, movement: Movement, action: str) -> None:
    audit_record(actor=actor, action=action, obj=movement, after=model_snapshot(movement))


# --- the register --------------------------------------------------------------------------------


def source_arrival(
    *, actor, source: Source, occurred_at: datetime.datetime, person: str, note: str = ""
) -> Movement:
    """Record the arrival (入库登记) of a source already on the inventory without one — the
    reconciliation's first kind of discrepancy — stating the status and store the row holds, so
    the replay starts where the row stands. New sources get theirs from `source_create`."""
    person = _required(person, "person", _("请填写经办人。"))
    check_time(occurred_at)
    with transaction.atomic():
        locked = lock_source(source)
        check_actor_scope(actor, locked)
        arrived = Movement.objects.filter(
            source_id=locked.pk, unit_id=locked.unit_id, kind__in=[K.ARRIVAL, K.TRANSFER_IN]
        )
        if arrived.exists():
            raise ValidationError(_("该放射源已有入库登记。"), code="arrived")
        check_after_latest(locked, occurred_at, "occurred_at")
        movement = Movement(
            unit_id=locked.unit_id,
            source=locked,
            kind=K.ARRIVAL,
            occurred_at=occurred_at,
            person=person,
            site_id=locked.site_id,
            to_status=locked.status,
            note=note,
            recorded_by=_recorder(actor),
        )
        append_event(locked, movement)
        _audit(actor, movement, "movement.arrival")
    _sync(source, locked)
    return movement


def check_out_worker_warnings(worker: Worker, unit_id: int, day: datetime.date) -> list[str]:
    """The 领用人 rule: a registered worker of the source's unit, on duty that day, with an
    assessment result valid that day. Refuses (on the `worker` field) what is never allowed; a
    worker without a valid result (无证上岗) is refused too, unless RADSAFE_CHECKOUT_UNQUALIFIED
    is "warn", when the reason is returned for the caller to show."""
    if worker.unit_id != unit_id:
        raise ValidationError(
            {"worker": _("领用人不是该单位登记的辐射工作人员。")}, code="worker_unit"
        )
    if worker.employed_on > day or (worker.left_on is not None and worker.left_on < day):
        raise ValidationError(
            {"worker": _("领用人 %(name)s 在出库日期不在岗。") % {"name": worker.name}},
            code="worker_off_duty",
        )
    if holds_valid_result(worker, day):
        return []
    message = _("领用人 %(name)s 没有有效的辐射安全考核成绩报告单（无证上岗）。") % {
        "name": worker.name
    }
    if settings.RADSAFE_CHECKOUT_UNQUALIFIED == "warn":
        return [message]
    raise ValidationError({"worker": message}, code="worker_unqualified")


def source_check_out(
    *,
    actor,
    source: Source,
    occurred_at: datetime.datetime,
    worker: Worker | None = None,
    person: str = "",
    purpose: str = "",
    destination: str = "",
    offsite: bool = False,
) -> Movement:
    """Check a source out to its 领用人. The pages and the API name a registered `worker` (see
    `check_out_worker_warnings`; `person` then takes the worker's name); the movement import
    may still give only a name (`person`), and then the worker rule does not apply. In warn mode
    the returned movement carries `warnings` (and so does its audit event)."""
    workflows.require_check_out(actor, source)
    if worker is not None:
        person = worker.name
    person = _required(person, "person", _("请填写经办人。"))
    destination = (destination or "").strip()
    if offsite and not destination:
        raise ValidationError({"destination": _("异地使用须填写去向（使用地点）。")})
    check_time(occurred_at)
    with transaction.atomic():
        locked = lock_source(source)
        check_actor_scope(actor, locked)
        refusal = workflows.check_out_refusal(locked)
        if refusal is not None:
            raise refusal
        check_after_latest(locked, occurred_at, "occurred_at")
        day = timezone.localtime(occurred_at).date()
        warnings = (
            check_out_worker_warnings(worker, locked.unit_id, day) if worker is not None else []
        )
        filing = None
        if offsite:
            filing = covering_filing(source=locked, on=day, destination=destination)
        movement = Movement(
            unit_id=locked.unit_id,
            source=locked,
            kind=K.CHECK_OUT,
            occurred_at=occurred_at,
            person=person,
            worker=worker,
            purpose=(purpose or "").strip(),
            destination=destination,
            site_id=locked.site_id,
            offsite=offsite,
            offsite_use=filing,
            recorded_by=_recorder(actor),
        )
        append_event(locked, movement)
        after = model_snapshot(movement)
        if warnings:
            after["warnings"] = warnings
        audit_record(actor=actor, action="movement.check_out", obj=movement, after=after)
    movement.warnings = warnings
    _sync(source, locked)
    return movement


def source_return(
    *,
    actor,
    source: Source,
    occurred_at: datetime.datetime,
    person: str,
    site: StorageSite | None = None,
    note: str = "",
) -> Movement:
    """Close the open check-out. The source goes back to `site`, or to the store it left."""
    workflows.require_return(actor, source)
    person = _required(person, "person", _("请填写经办人。"))
    check_time(occurred_at)
    with transaction.atomic():
        locked = lock_source(source)
        check_actor_scope(actor, locked)
        open_check_out = (
            Movement.objects.filter(source_id=locked.pk, kind=K.CHECK_OUT, returned_by__isnull=True)
            .order_by("-occurred_at", "-id")
            .first()
        )
        refusal = workflows.return_refusal(locked)
        if refusal is not None:
            raise refusal
        if open_check_out is None:  # a projection without its event: the same words
            raise ValidationError(_("该放射源没有未归还的出库记录。"), code="not_checked_out")
        if occurred_at < open_check_out.occurred_at:
            raise ValidationError(
                {
                    "occurred_at": _("归还时间不能早于出库时间（%(time)s）。")
                    % {
                        "time": timezone.localtime(open_check_out.occurred_at).strftime(
                            "%Y-%m-%d %H:%M"
                        )
                    }
                }
            )
        check_after_latest(locked, occurred_at, "occurred_at")
        site_id = site.pk if site is not None else open_check_out.site_id
        if site is not None and site.unit_id != locked.unit_id:
            raise ValidationError({"site": _("贮存场所必须属于该放射源的持有单位。")})
        movement = Movement(
            unit_id=locked.unit_id,
            source=locked,
            kind=K.RETURN,
            occurred_at=occurred_at,
            person=person,
            site_id=site_id,
            check_out=open_check_out,
            note=(note or "").strip(),
            recorded_by=_recorder(actor),
        )
        append_event(locked, movement)
        _audit(actor, movement, "movement.return")
    _sync(source, locked)
    return movement


class StatusChange(NamedTuple):
    movement: Movement
    incident: Incident | None


def source_change_status(
    *,
    actor,
    source: Source,
    to_status: str,
    occurred_at: datetime.datetime,
    person: str,
    note: str = "",
    place: str = "",
    description: str = "",
) -> StatusChange:
    """Record a status change. Marking a source lost, stolen or out of control opens an incident
    with the first-report fields in the same transaction (domain.md "Incidents"): the report and
    the status cannot disagree."""
    from radsafe.inventory.services.register.incidents import incident_open

    workflows.require_status_change(actor, source, to_status)
    person = _required(person, "person", _("请填写经办人。"))
    if to_status not in S.values or to_status == S.TRANSFERRED:
        raise workflows.status_change_refusal(source, to_status)
    to_status = S(to_status)
    if to_status in INCIDENT_STATUSES:
        place = _required(place, "place", _("请填写事故地点。"))
    check_time(occurred_at)
    with transaction.atomic():
        locked = lock_source(source)
        check_actor_scope(actor, locked)
        refusal = workflows.status_change_refusal(locked, to_status)
        if refusal is not None:
            raise refusal
        check_after_latest(locked, occurred_at, "occurred_at")
        kind = K.SENT_FOR_STORAGE if to_status == S.SENT_FOR_STORAGE else K.STATUS_CHANGE
        movement = Movement(
            unit_id=locked.unit_id,
            source=locked,
            kind=kind,
            occurred_at=occurred_at,
            person=person,
            to_status=to_status,
            destination=place.strip() if to_status in INCIDENT_STATUSES else "",
            note=(note or "").strip(),
            recorded_by=_recorder(actor),
        )
        append_event(locked, movement)
        _audit(actor, movement, "movement.status_change")
        incident = None
        if to_status in INCIDENT_STATUSES:
            incident = incident_open(
                actor=actor,
                source=locked,
                kind=str(to_status),
                occurred_at=occurred_at,
                place=place,
                description=description,
            )
    _sync(source, locked)
    return StatusChange(movement, incident)


def count_record(
    *,
    actor,
    site: StorageSite,
    counted_at: datetime.datetime,
    counted_by: str,
    sources_found: Iterable[Source],
    note: str = "",
) -> PhysicalCount:
    """A physical count (实物盘点) of a store. Inspectors record one on site; the reconciliation
    compares it with what the register says was there at that moment."""
    counted_by = _required(counted_by, "counted_by", _("请填写盘点人。"))
    check_time(counted_at, "counted_at")
    found = list(sources_found)
    foreign = [s.code for s in found if s.unit_id != site.unit_id]
    if foreign:
        raise ValidationError(
            {"sources_found": _("以下放射源不属于该场所的单位：%s") % "、".join(foreign)}
        )
    count = PhysicalCount(
        unit_id=site.unit_id,
        site=site,
        counted_at=counted_at,
        counted_by=counted_by,
        note=(note or "").strip(),
        recorded_by=_recorder(actor),
    )
    count.full_clean()
    with transaction.atomic():
        count.save()
        count.sources_found.set(found)
        if actor is not None:
            ensure_in_scope(PhysicalCount.objects.for_user(actor), count)
        audit_record(actor=actor, action="count.record", obj=count, after=model_snapshot(count))
    return count


def _recorder(actor):
    return actor if getattr(actor, "is_authenticated", False) else None
