"""Radiation incidents (辐射事故): opened when a source is marked lost, stolen or out of control,
closed by the bureau.

The first-report fields (domain.md "Incidents") are copied onto the incident when it is opened:
the report must stay what was reported, even if the licence is renewed or the source's record is
corrected later."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from radsafe.core.audit import audit_record, model_snapshot
from radsafe.core.versioning import ensure_in_scope
from radsafe.inventory import workflows
from radsafe.inventory.choices import IncidentKind, IncidentStatus
from radsafe.inventory.models import Incident, Source
from radsafe.inventory.selectors.assets import incident_grade_for_category, source_state
from radsafe.registry.models import Licence


def licence_number_on(unit_id: int, day: datetime.date) -> str:
    """The number of the unit's licence valid on that day, else of its latest licence."""
    licences = Licence.objects.filter(unit_id=unit_id).order_by("-expires_on", "-id")
    valid = licences.filter(issued_on__lte=day, expires_on__gte=day).first()
    latest = valid or licences.first()
    return latest.number if latest else ""


def incident_open(
    *,
    actor,
    source: Source,
    kind: str,
    occurred_at: datetime.datetime,
    place: str,
    description: str = "",
) -> Incident:
    """Grade from the source's category on the day (环发〔2006〕145号 via
    `incident_grade_for_category`). Called by `source_change_status` inside its transaction."""
    if kind not in IncidentKind.values:
        raise ValidationError({"kind": _("未知的事故类型。")})
    day = timezone.localtime(occurred_at).date()
    state = source_state(source, day)
    incident = Incident(
        unit_id=source.unit_id,
        source=source,
        kind=kind,
        grade=incident_grade_for_category(state.category),
        occurred_at=occurred_at,
        place=(place or "").strip(),
        licence_number=licence_number_on(source.unit_id, day),
        nuclide=source.nuclide.symbol,
        activity_bq=state.activity_bq,
        activity_date=day,
        source_code=source.code,
        device_model=source.model,
        device_serial=source.serial_number,
        description=(description or "").strip(),
        reported_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    incident.full_clean()
    with transaction.atomic():
        incident.save()
        if actor is not None:
            ensure_in_scope(Incident.objects.for_user(actor), incident)
        audit_record(
            actor=actor, action="incident.open", obj=incident, after=model_snapshot(incident)
        )
    return incident


def incident_close(
    *, actor, incident: Incident, closing_note: str, closed_at: datetime.datetime | None = None
) -> Incident:
    """Only the bureau closes an incident (incident.close, `inventory/workflows.py`); the unit
    that reported it cannot, whatever called the service."""
    workflows.require_close(actor, incident)
    closing_note = (closing_note or "").strip()
    if not closing_note:
        raise ValidationError({"closing_note": _("请填写结案说明。")})
    closed_at = closed_at or timezone.now()
    with transaction.atomic():
        locked = Incident.objects.select_for_update().get(pk=incident.pk)
        if actor is not None:
            ensure_in_scope(Incident.objects.for_user(actor), locked)
        refusal = workflows.close_refusal(locked)
        if refusal is not None:
            raise refusal
        if closed_at < locked.occurred_at:
            raise ValidationError({"closed_at": _("结案时间不能早于事故发生时间。")})
        locked.status = IncidentStatus.CLOSED
        locked.closed_at = closed_at
        locked.closed_by = actor if getattr(actor, "is_authenticated", False) else None
        locked.closing_note = closing_note
        locked.save(update_fields=["status", "closed_at", "closed_by", "closing_note"])
        audit_record(
            actor=actor,
            action="incident.close",
            obj=locked,
            before={"status": IncidentStatus.OPEN},
            after={"status": locked.status, "closed_at": closed_at, "closing_note": closing_note},
        )
    for name in ("status", "closed_at", "closed_by_id", "closing_note"):
        setattr(incident, name, getattr(locked, name))
    return incident
