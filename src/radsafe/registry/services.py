"""Writes on units, their status and their licences (design.md rule 1): validate, write in one
transaction, record the audit event in it, refuse a write that leaves the row out of the author's
scope, and refuse an edit based on a stale version."""

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from radsafe.core.audit import audit_record, model_snapshot
from radsafe.core.choices import JurisdictionLevel
from radsafe.core.models import Jurisdiction
from radsafe.core.scoping import propagate_unit_scope
from radsafe.core.versioning import ensure_in_scope, save_versioned
from radsafe.core.writes import assign_fields, insert_row, unique_error, update_row
from radsafe.registry import workflows
from radsafe.registry.choices import UnitStatus
from radsafe.registry.models import Industry, Licence, Unit, UnitStatusChange
from radsafe.registry.validators import normalize_credit_code

UNIT_FIELDS = [
    "name",
    "credit_code",
    "address",
    "legal_representative",
    "contact_person",
    "contact_phone",
    "jurisdiction",
    "squad",
]
LICENCE_FIELDS = [
    "number",
    "authority",
    "authority_level",
    "scope",
    "source_categories",
    "device_classes",
    "issued_on",
    "expires_on",
]


def _scope_path(*, jurisdiction: Jurisdiction, squad: Jurisdiction | None) -> str:
    if jurisdiction.level != JurisdictionLevel.COUNTY:
        raise ValidationError({"jurisdiction": _("属地分局必须是县级分局。")})
    if squad is not None and squad.parent_id != jurisdiction.pk:
        raise ValidationError({"squad": _("责任中队必须属于该分局。")})
    return (squad or jurisdiction).path


def unit_create(
    *, actor, industries: list[Industry], status: str = UnitStatus.NORMAL, **fields: Any
) -> Unit:
    fields["credit_code"] = normalize_credit_code(fields.get("credit_code", ""))
    unit = Unit(status=status, **fields)
    if unit.status != UnitStatus.NORMAL and unit.status_since is None:
        unit.status_since = timezone.localdate()
    unit.scope_path = _scope_path(jurisdiction=unit.jurisdiction, squad=unit.squad)
    if not industries:
        raise ValidationError({"industries": _("请至少选择一个行业。")})
    unit.full_clean(exclude=["industries"])
    return insert_row(
        unit,
        actor=actor,
        action="unit.create",
        unique=unique_error(unit, "credit_code"),
        then=lambda: unit.industries.set(industries),
    )


def unit_update(
    *,
    unit: Unit,
    actor,
    expected_version: int | None,
    industries: list[Industry] | None = None,
    **fields: Any,
) -> Unit:
    """Change the unit's registry fields. Status changes go through `unit_change_status`, which
    keeps the history."""
    before = model_snapshot(unit)
    before_path = unit.scope_path
    if "credit_code" in fields:
        fields["credit_code"] = normalize_credit_code(fields["credit_code"])
    assign_fields(unit, fields, UNIT_FIELDS, service="unit_update")
    unit.scope_path = _scope_path(jurisdiction=unit.jurisdiction, squad=unit.squad)
    if industries is not None and not industries:
        raise ValidationError({"industries": _("请至少选择一个行业。")})
    unit.full_clean(exclude=["industries"])

    def follow() -> None:
        if unit.scope_path != before_path:
            propagate_unit_scope(unit.pk, unit.scope_path)
        if industries is not None:
            unit.industries.set(industries)

    return update_row(
        unit,
        actor=actor,
        action="unit.update",
        before=before,
        expected_version=expected_version,
        fields=[*UNIT_FIELDS, "scope_path"],
        unique=unique_error(unit, "credit_code"),
        then=follow,
    )


def unit_change_status(
    *, unit: Unit, actor, status: str, changed_on: datetime.date, reason: str = ""
) -> UnitStatusChange:
    """Move the unit along the table of `registry/workflows.py`. The actor needs
    `unit.change_status` whatever called the service (PermissionDenied, audited; None is the
    system); the table is checked again under the row lock, so two people changing the same
    unit at once cannot both take a step from the same status."""
    status = UnitStatus(status)
    workflows.require_role(actor, unit, status)
    refusal = workflows.status_change_refusal(unit, status)
    if refusal is not None:
        raise refusal
    if changed_on > timezone.localdate():
        raise ValidationError({"changed_on": _("变更日期不能晚于今天。")})
    with transaction.atomic():
        locked = Unit.objects.select_for_update(of=("self",)).get(pk=unit.pk)
        if actor is not None:  # None: the system
            ensure_in_scope(Unit.objects.for_user(actor), locked)
        refusal = workflows.status_change_refusal(locked, status)
        if refusal is not None:
            raise refusal
        change = UnitStatusChange.objects.create(
            unit=locked,
            from_status=locked.status,
            to_status=status,
            changed_on=changed_on,
            reason=reason,
            actor=actor,
        )
        old = locked.status
        locked.status, locked.status_since = status, changed_on
        save_versioned(locked, expected_version=None, fields=["status", "status_since"])
        audit_record(
            actor=actor,
            action="unit.change_status",
            obj=locked,
            before={"status": old},
            after={"status": status, "changed_on": changed_on, "reason": reason},
        )
    for name in ("status", "status_since", "version", "updated_at"):
        setattr(unit, name, getattr(locked, name))
    return change


def _refresh_licence_summary(unit_id: int) -> None:
    latest = Licence.objects.filter(unit_id=unit_id).aggregate(latest=Max("expires_on"))["latest"]
    Unit.objects.filter(pk=unit_id).update(licence_expires_on=latest)


def _validate_licence(licence: Licence) -> None:
    licence.number = (licence.number or "").strip()
    errors = {}
    if licence.issued_on and licence.expires_on and licence.expires_on <= licence.issued_on:
        errors["expires_on"] = _("有效期至必须晚于发证日期。")
    try:
        licence.full_clean()
    except ValidationError as error:
        errors = {**error.message_dict, **errors}
    if errors:
        raise ValidationError(errors)


def licence_create(*, actor, unit: Unit, **fields: Any) -> Licence:
    licence = Licence(unit=unit, **fields)
    _validate_licence(licence)
    return insert_row(
        licence,
        actor=actor,
        action="licence.create",
        unique=unique_error(licence, "number"),
        then=lambda: _refresh_licence_summary(unit.pk),
    )


def licence_update(
    *, licence: Licence, actor, expected_version: int | None, **fields: Any
) -> Licence:
    before = model_snapshot(licence)
    assign_fields(licence, fields, LICENCE_FIELDS, service="licence_update")
    _validate_licence(licence)
    return update_row(
        licence,
        actor=actor,
        action="licence.update",
        before=before,
        expected_version=expected_version,
        fields=LICENCE_FIELDS,
        unique=unique_error(licence, "number"),
        then=lambda: _refresh_licence_summary(licence.unit_id),
    )
