"""Transfers: both inventories change in one transaction, or neither does."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from radsafe.core.models import AuditEvent
from radsafe.inventory.choices import MovementKind
from radsafe.inventory.models import Movement, Source, Transfer
from radsafe.inventory.services.register import movements as register
from radsafe.inventory.services.register import transfers
from radsafe.registry.choices import UnitStatus
from tests.factories import LicenceFactory

from .test_register_services import ago, held_source

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


def licence(unit, categories="345", **overrides):
    return LicenceFactory(
        unit=unit,
        source_categories=categories,
        **{
            "issued_on": datetime.date(2020, 1, 1),
            "expires_on": datetime.date(2099, 1, 1),
            **overrides,
        },
    )


def inventories(world) -> dict:
    """Both units' inventories and registers, and the log: what a refused transfer must keep."""
    return {
        "unit1": list(Source.objects.filter(unit=world.unit1).values().order_by("pk")),
        "unit2": list(Source.objects.filter(unit=world.unit2).values().order_by("pk")),
        "movements": list(Movement.objects.values_list("pk", flat=True).order_by("pk")),
        "transfers": Transfer.objects.count(),
        "audit": AuditEvent.objects.count(),
    }


def transfer(source, to_unit, actor=None, **overrides):
    return transfers.transfer_create(
        **{
            "actor": actor,
            "source": source,
            "to_unit": to_unit,
            "approval_number": "晋环转[2025]8号",
            "transferred_on": TODAY(),
            **overrides,
        }
    )


def test_a_transfer_moves_the_source_and_writes_both_registers(world):
    licence(world.unit2, "345")
    source = held_source(world.unit1)  # Cs-137, category Ⅳ
    actor = world.users["unit1"]
    result = transfer(source, world.unit2, actor=actor)
    source.refresh_from_db()
    assert source.unit_id == world.unit2.pk
    assert source.status == "stored" and source.site_id is None and not source.is_checked_out
    out = Movement.objects.get(kind=MovementKind.TRANSFER_OUT)
    arrival = Movement.objects.get(kind=MovementKind.TRANSFER_IN)
    assert (out.unit_id, out.counterparty_id) == (world.unit1.pk, world.unit2.pk)
    assert (arrival.unit_id, arrival.counterparty_id) == (world.unit2.pk, world.unit1.pk)
    assert result.unit_id == world.unit1.pk and result.to_unit_id == world.unit2.pk
    assert AuditEvent.objects.filter(action="transfer.create", object_id=str(result.pk)).exists()
    # Both parties see the transfer; each sees its own side of the register.
    assert Transfer.objects.for_user(world.users["unit2"]).filter(pk=result.pk).exists()
    assert Transfer.objects.for_user(actor).filter(pk=result.pk).exists()
    assert not Movement.objects.for_user(actor).filter(pk=arrival.pk).exists()
    assert register.stored_projection(source) == register.project(
        Movement.objects.filter(source=source).order_by("occurred_at", "id")
    )


@pytest.mark.parametrize(
    ("setup", "field", "message"),
    [
        ("same_unit", "to_unit", "不能转让给本单位"),
        ("licence_lacks_category", "to_unit", "转入单位的许可证不包括Ⅲ类放射源"),
        ("licence_expired", "to_unit", "没有有效的辐射安全许可证"),
        ("no_licence", "to_unit", "没有有效的辐射安全许可证"),
        ("unit_closed", "to_unit", "转入单位经营状态为"),
        ("no_approval", "approval_number", "请填写审批文号"),
        ("future", "transferred_on", "转让日期不能晚于今天"),
        ("checked_out", None, "请先归还入库后再转让"),
        ("not_held", None, "的放射源不能转让"),
    ],
)
def test_a_refused_transfer_leaves_both_inventories_unchanged(world, setup, field, message):
    # Cs-137, 3.7e11 Bq in 2018: category Ⅲ today.
    source = held_source(world.unit1, activity_bq=3.7e11)
    to_unit, overrides = world.unit2, {}
    if setup == "same_unit":
        to_unit = world.unit1
    elif setup == "licence_lacks_category":
        licence(world.unit2, "45")
    elif setup == "licence_expired":
        licence(world.unit2, "12345", expires_on=TODAY() - datetime.timedelta(days=1))
    elif setup == "no_licence":
        pass
    elif setup == "unit_closed":
        licence(world.unit2, "12345")
        world.unit2.status = UnitStatus.CLOSED
        world.unit2.save()
    else:
        licence(world.unit2, "12345")
    if setup == "no_approval":
        overrides["approval_number"] = "  "
    elif setup == "future":
        overrides["transferred_on"] = TODAY() + datetime.timedelta(days=1)
    elif setup == "checked_out":
        register.source_check_out(
            actor=None, source=source, occurred_at=ago(hours=1), person="李四", destination="工地"
        )
    elif setup == "not_held":
        register.source_change_status(
            actor=None, source=source, to_status="lost", occurred_at=ago(hours=1), person="李四",
            place="库房",
        )  # fmt: skip
    before = inventories(world)
    with pytest.raises(ValidationError) as caught:
        transfer(source, to_unit, actor=world.users["bureau"], **overrides)
    messages = caught.value.message_dict[field] if field else caught.value.messages
    assert message in " ".join(messages)
    assert inventories(world) == before


def test_a_failure_inside_the_transaction_rolls_back_both_sides(world):
    """The last write (the Transfer row) fails after both movements and the source were written:
    nothing of it may remain."""
    licence(world.unit2, "345")
    source = held_source(world.unit1)
    before = inventories(world)
    too_long = "号" * 61  # Transfer.approval_number holds 60: full_clean refuses it last
    with pytest.raises(ValidationError) as caught:
        transfer(source, world.unit2, approval_number=too_long)
    assert "approval_number" in caught.value.message_dict
    assert inventories(world) == before


def test_a_unit_officer_cannot_transfer_another_units_source(world):
    licence(world.unit1, "345")
    source = held_source(world.unit2)
    before = inventories(world)
    with pytest.raises(ValidationError) as caught:
        transfer(source, world.unit1, actor=world.users["unit1"])
    assert "超出您的数据范围" in " ".join(caught.value.messages)
    assert inventories(world) == before
