"""Transfers (转让) of a source between units.

Both registers change in one transaction: the old unit's TRANSFER_OUT, the source's new holder,
the new unit's TRANSFER_IN, the Transfer row and the audit event commit together or not at all, so
a refused or failed transfer leaves both inventories as they were."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from radsafe.core.audit import audit_record, model_snapshot
from radsafe.core.versioning import ensure_in_scope
from radsafe.inventory import workflows
from radsafe.inventory.choices import MovementKind, SourceStatus
from radsafe.inventory.models import Movement, Source, Transfer
from radsafe.inventory.physics import ROMAN
from radsafe.inventory.selectors.assets import source_state
from radsafe.inventory.services.assets import SYSTEM_PERSON
from radsafe.inventory.services.register.movements import (
    append_event,
    check_actor_scope,
    check_after_latest,
    lock_source,
)
from radsafe.registry.choices import UnitStatus
from radsafe.registry.models import Licence, Unit

# The note both movements of a transfer carry. Records are Chinese documents, so the stored text
# is a plain constant: it must not depend on the UI language of whoever records the transfer.
TRANSFER_NOTE = "转让审批文号：%s"


def transfer_moment(day: datetime.date) -> datetime.datetime:
    """Today's transfer happens now; one on an earlier day is placed at its noon."""
    if day == timezone.localdate():
        return timezone.now()
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))


def check_receiving_licence(*, to_unit: Unit, category: int, on: datetime.date) -> None:
    """The receiving unit needs a licence valid on the day whose categories include the source's
    current one (条例: a unit may hold only what its licence covers)."""
    valid = Licence.objects.filter(unit=to_unit, issued_on__lte=on, expires_on__gte=on)
    categories = "".join(valid.values_list("source_categories", flat=True))
    if not valid.exists():
        raise ValidationError({"to_unit": _("转入单位在转让日期没有有效的辐射安全许可证。")})
    if str(category) not in categories:
        raise ValidationError(
            {"to_unit": _("转入单位的许可证不包括%(roman)s类放射源。") % {"roman": ROMAN[category]}}
        )


def transfer_create(
    *,
    actor,
    source: Source,
    to_unit: Unit,
    approval_number: str,
    transferred_on: datetime.date,
) -> Transfer:
    workflows.require_transfer(actor, source)
    approval_number = (approval_number or "").strip()
    if not approval_number:
        raise ValidationError({"approval_number": _("请填写审批文号。")})
    if transferred_on > timezone.localdate():
        raise ValidationError({"transferred_on": _("转让日期不能晚于今天。")})
    moment = transfer_moment(transferred_on)
    with transaction.atomic():
        locked = lock_source(source)
        check_actor_scope(actor, locked)  # before: afterwards the source is the other unit's
        from_unit = locked.unit
        if to_unit.pk == from_unit.pk:
            raise ValidationError({"to_unit": _("不能转让给本单位。")})
        refusal = workflows.transfer_refusal(locked)
        if refusal is not None:
            raise refusal
        if to_unit.status != UnitStatus.NORMAL:
            raise ValidationError(
                {
                    "to_unit": _("转入单位经营状态为“%(status)s”，不能接收放射源。")
                    % {"status": to_unit.get_status_display()}
                }
            )
        category = source_state(locked, transferred_on).category
        check_receiving_licence(to_unit=to_unit, category=category, on=transferred_on)
        check_after_latest(locked, moment, "transferred_on")
        recorder = actor if getattr(actor, "is_authenticated", False) else None
        note = TRANSFER_NOTE % approval_number  # stored: Chinese whatever the UI language
        out = Movement(
            unit=from_unit,
            source=locked,
            kind=MovementKind.TRANSFER_OUT,
            occurred_at=moment,
            person=_person(actor),
            destination=to_unit.name,
            to_status=SourceStatus.TRANSFERRED,
            counterparty=to_unit,
            note=note,
            recorded_by=recorder,
        )
        append_event(locked, out)
        locked.unit, locked.scope_path = to_unit, to_unit.scope_path
        arrival = Movement(
            unit=to_unit,
            source=locked,
            kind=MovementKind.TRANSFER_IN,
            occurred_at=moment,
            person=_person(actor),
            to_status=SourceStatus.STORED,
            counterparty=from_unit,
            note=note,
            recorded_by=recorder,
        )
        append_event(locked, arrival, extra_fields=("unit", "scope_path"))
        transfer = Transfer(
            source=locked,
            unit=from_unit,
            to_unit=to_unit,
            approval_number=approval_number,
            transferred_on=transferred_on,
            recorded_by=recorder,
        )
        transfer.full_clean()
        transfer.save()
        if actor is not None:
            ensure_in_scope(Transfer.objects.for_user(actor), transfer)
        audit_record(
            actor=actor,
            action="transfer.create",
            obj=transfer,
            after={**model_snapshot(transfer), "category": category},
        )
    source.unit, source.unit_id = to_unit, to_unit.pk
    for name in ("status", "site_id", "is_checked_out", "version", "scope_path"):
        setattr(source, name, getattr(locked, name))
    return transfer


def _person(actor) -> str:
    if actor is None or not getattr(actor, "is_authenticated", False):
        return SYSTEM_PERSON
    return str(actor)[:100]
