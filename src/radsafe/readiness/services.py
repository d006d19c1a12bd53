"""Writes on a unit's emergency readiness and monitoring equipment (design.md rule 1).

Every entity has a `<entity>_create` and a `<entity>_update` with keyword-only arguments; both
validate (the Chinese message names the field), write inside one transaction together with the
audit event, refuse a write that leaves the row outside the author's scope, and an edit checks the
version it started from. A row stays with its unit: the unit is not an editable field.

A plan and a drill take an optional `document`, an uploaded file: checked before anything is
written, stored under a generated name inside the write and deleted again if the write fails;
its name and SHA-256 land in the same audit event. A new document replaces the row's reference,
never the old file, and the audit event names both hashes. (The API does not upload: documents
come through the pages.)"""

import datetime
from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from radsafe.core.audit import model_snapshot
from radsafe.core.files import stored_document, validate_document
from radsafe.core.writes import assign_fields, insert_row, refuse_unknown_fields, update_row
from radsafe.readiness.deadlines import calibration_due
from radsafe.readiness.models import (
    DocumentRow,
    Drill,
    EmergencyPlan,
    EmergencySupply,
    EquipmentFault,
    Instrument,
)
from radsafe.registry.models import Unit

PLAN_FIELDS = ["title", "edition", "document_number", "issued_on"]
SUPPLY_FIELDS = ["item", "quantity", "last_checked_on", "note"]
DRILL_FIELDS = ["held_on", "kind", "scenario", "participant_count", "participants", "evidence"]
INSTRUMENT_FIELDS = ["kind", "model", "serial_number", "calibrated_on", "in_use"]
FAULT_FIELDS = [
    "equipment",
    "device",
    "instrument",
    "description",
    "reported_on",
    "repaired_on",
    "stayed_in_use",
]
# Dates that record what already happened, so none may lie in the future.
PAST_DATES = {
    "issued_on": gettext_lazy("发布日期"),
    "last_checked_on": gettext_lazy("最近检查日期"),
    "held_on": gettext_lazy("日期"),
    "calibrated_on": gettext_lazy("最近检定/校准日期"),
    "reported_on": gettext_lazy("报告日期"),
    "repaired_on": gettext_lazy("修复日期"),
}
# Where each model's documents go in the storage.
DOCUMENT_PREFIXES = {EmergencyPlan: "readiness/plans", Drill: "readiness/drills"}


def _check_unit(actor, unit: Unit | None) -> None:
    """The unit must be one the author may write for; one outside reads as missing."""
    if unit is None:
        raise ValidationError({"unit": _("请选择单位。")})
    if actor is not None and not Unit.objects.for_user(actor).filter(pk=unit.pk).exists():
        raise ValidationError({"unit": _("单位不存在或不在您的数据范围内。")})


def _validate(row: models.Model, extra: Callable[[models.Model], dict] | None = None) -> None:
    """The model's own checks plus the readiness rules; all errors at once, by field."""
    today = timezone.localdate()
    errors: dict[str, list[str]] = {}
    for name in PAST_DATES:
        value = getattr(row, name, None)
        if isinstance(value, datetime.date) and value > today:
            errors[name] = [_("%(field)s不能晚于今天。") % {"field": PAST_DATES[name]}]
    if extra is not None:
        for name, message in extra(row).items():
            errors.setdefault(name, []).append(message)
    try:
        row.full_clean(exclude=list(errors))
    except ValidationError as error:
        errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)


def _check_document(model, document) -> str | None:
    """The storage prefix for a document the model may hold; its refusal goes on the form's
    `document` field."""
    if document is None:
        return None
    if model not in DOCUMENT_PREFIXES:
        raise ValueError(f"{model.__name__} holds no document")
    try:
        validate_document(document)
    except ValidationError as error:
        raise ValidationError({"document": error.messages}) from error
    return DOCUMENT_PREFIXES[model]


def _create(
    model,
    *,
    actor,
    unit: Unit,
    action: str,
    fields: dict[str, Any],
    allowed,
    extra=None,
    document=None,
):
    refuse_unknown_fields(fields, allowed, service=action)
    _check_unit(actor, unit)
    row = model(unit=unit, **fields)
    _prepare(row)
    _validate(row, extra)
    prefix = _check_document(model, document)
    with stored_document(document, prefix=prefix or "") as stored:
        if stored is not None:
            row.attach(stored)
        return insert_row(row, actor=actor, action=action)


def _update(
    row,
    *,
    actor,
    expected_version,
    action: str,
    fields: dict,
    allowed,
    extra=None,
    document=None,
):
    before = model_snapshot(row)
    assign_fields(row, fields, allowed, service=action)
    _prepare(row)
    _validate(row, extra)
    prefix = _check_document(type(row), document)
    saved = [*allowed, "calibration_due"] if isinstance(row, Instrument) else list(allowed)
    with stored_document(document, prefix=prefix or "") as stored:
        if stored is not None:
            row.attach(stored)
            saved += DocumentRow.DOCUMENT_FIELDS
        return update_row(
            row,
            actor=actor,
            action=action,
            before=before,
            expected_version=expected_version,
            fields=saved,
        )


def _prepare(row) -> None:
    """Stored deadlines come from their one function, never from the caller."""
    if isinstance(row, Instrument):
        row.calibration_due = calibration_due(row.calibrated_on)
    for name in ("title", "edition", "item", "scenario", "model", "equipment"):
        if isinstance(getattr(row, name, None), str):
            setattr(row, name, getattr(row, name).strip())


# --- emergency plan, supplies, drills -------------------------------------------------------
def plan_create(*, actor, unit: Unit, document=None, **fields: Any) -> EmergencyPlan:
    return _create(
        EmergencyPlan,
        actor=actor,
        unit=unit,
        action="plan.create",
        fields=fields,
        allowed=PLAN_FIELDS,
        document=document,
    )


def plan_update(
    *, plan: EmergencyPlan, actor, expected_version: int | None, document=None, **fields: Any
):
    return _update(
        plan,
        actor=actor,
        expected_version=expected_version,
        action="plan.update",
        fields=fields,
        allowed=PLAN_FIELDS,
        document=document,
    )


def supply_create(*, actor, unit: Unit, **fields: Any) -> EmergencySupply:
    return _create(
        EmergencySupply,
        actor=actor,
        unit=unit,
        action="supply.create",
        fields=fields,
        allowed=SUPPLY_FIELDS,
    )


def supply_update(*, supply: EmergencySupply, actor, expected_version: int | None, **fields: Any):
    return _update(
        supply,
        actor=actor,
        expected_version=expected_version,
        action="supply.update",
        fields=fields,
        allowed=SUPPLY_FIELDS,
    )


def _drill_rules(drill: Drill) -> dict[str, str]:
    if drill.participant_count is not None and drill.participant_count < 1:
        return {"participant_count": _("参加人数必须至少为 1 人。")}
    return {}


def drill_create(*, actor, unit: Unit, document=None, **fields: Any) -> Drill:
    return _create(
        Drill,
        actor=actor,
        unit=unit,
        action="drill.create",
        fields=fields,
        allowed=DRILL_FIELDS,
        extra=_drill_rules,
        document=document,
    )


def drill_update(
    *, drill: Drill, actor, expected_version: int | None, document=None, **fields: Any
) -> Drill:
    return _update(
        drill,
        actor=actor,
        expected_version=expected_version,
        action="drill.update",
        fields=fields,
        allowed=DRILL_FIELDS,
        extra=_drill_rules,
        document=document,
    )


# --- instruments and equipment faults --------------------------------------------------------
def instrument_create(*, actor, unit: Unit, **fields: Any) -> Instrument:
    return _create(
        Instrument,
        actor=actor,
        unit=unit,
        action="instrument.create",
        fields=fields,
        allowed=INSTRUMENT_FIELDS,
    )


def instrument_update(*, instrument: Instrument, actor, expected_version: int | None, **fields):
    return _update(
        instrument,
        actor=actor,
        expected_version=expected_version,
        action="instrument.update",
        fields=fields,
        allowed=INSTRUMENT_FIELDS,
    )


def _fault_rules(fault: EquipmentFault) -> dict[str, str]:
    """Repair cannot precede the report; a linked device or instrument is the unit's own, and a
    fault names at most one of them."""
    errors = {}
    if fault.repaired_on and fault.reported_on and fault.repaired_on < fault.reported_on:
        errors["repaired_on"] = _("修复日期不能早于报告日期。")
    if fault.device_id is not None and fault.instrument_id is not None:
        errors["instrument"] = _("射线装置和监测仪器只能选择其一。")
    if fault.device_id is not None and fault.device.unit_id != fault.unit_id:
        errors["device"] = _("射线装置必须属于该单位。")
    if fault.instrument_id is not None and fault.instrument.unit_id != fault.unit_id:
        errors.setdefault("instrument", _("监测仪器必须属于该单位。"))
    return errors


def fault_create(*, actor, unit: Unit, **fields: Any) -> EquipmentFault:
    return _create(
        EquipmentFault,
        actor=actor,
        unit=unit,
        action="fault.create",
        fields=fields,
        allowed=FAULT_FIELDS,
        extra=_fault_rules,
    )


def fault_update(*, fault: EquipmentFault, actor, expected_version: int | None, **fields):
    return _update(
        fault,
        actor=actor,
        expected_version=expected_version,
        action="fault.update",
        fields=fields,
        allowed=FAULT_FIELDS,
        extra=_fault_rules,
    )
