"""The readiness services: validation with Chinese messages naming the field, nothing written on
refusal, audit in the same transaction, optimistic versions, scope."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from radsafe.core.models import AuditEvent
from radsafe.core.versioning import StaleEditError
from radsafe.readiness import services
from radsafe.readiness.deadlines import calibration_due
from radsafe.readiness.models import Drill, EquipmentFault, Instrument
from tests.factories import RayDeviceFactory

from .factories import FaultFactory, InstrumentFactory

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


def _fault(world, actor="unit1", **fields):
    data = {
        "equipment": "探伤室门机联锁",
        "description": "联锁失效",
        "reported_on": timezone.localdate() - 5 * DAY,
        "stayed_in_use": True,
        **fields,
    }
    return services.fault_create(actor=world.users[actor], unit=world.unit1, **data)


def test_fault_repaired_before_reported_is_refused_and_nothing_changes(world):
    today = timezone.localdate()
    before = AuditEvent.objects.count()
    with pytest.raises(ValidationError) as refused:
        _fault(world, reported_on=today - DAY, repaired_on=today - 2 * DAY)
    assert refused.value.message_dict["repaired_on"] == ["修复日期不能早于报告日期。"]
    assert not EquipmentFault.objects.exists()
    assert AuditEvent.objects.count() == before


def test_fault_edit_with_repair_before_report_keeps_the_stored_row(world):
    fault = FaultFactory(unit=world.unit1, reported_on=timezone.localdate() - 3 * DAY)
    with pytest.raises(ValidationError) as refused:
        services.fault_update(
            fault=fault,
            actor=world.users["unit1"],
            expected_version=fault.version,
            repaired_on=fault.reported_on - DAY,
        )
    assert "repaired_on" in refused.value.message_dict
    fault.refresh_from_db()
    assert fault.repaired_on is None and fault.version == 1


def test_future_dates_are_refused_by_name(world):
    tomorrow = timezone.localdate() + DAY
    with pytest.raises(ValidationError) as refused:
        _fault(world, reported_on=tomorrow)
    assert refused.value.message_dict["reported_on"] == ["报告日期不能晚于今天。"]
    with pytest.raises(ValidationError) as refused:
        services.drill_create(
            actor=world.users["unit1"],
            unit=world.unit1,
            held_on=tomorrow,
            kind="drill",
            scenario="演练",
            participant_count=0,
        )
    assert refused.value.message_dict["held_on"] == ["日期不能晚于今天。"]
    assert refused.value.message_dict["participant_count"] == ["参加人数必须至少为 1 人。"]
    assert not Drill.objects.exists()


def test_fault_links_only_equipment_of_its_own_unit(world):
    other_device = RayDeviceFactory(unit=world.unit2)
    with pytest.raises(ValidationError) as refused:
        _fault(world, actor="bureau", device=other_device)
    assert refused.value.message_dict["device"] == ["射线装置必须属于该单位。"]
    own = InstrumentFactory(unit=world.unit1)
    fault = _fault(world, instrument=own)
    assert fault.instrument == own and fault.device is None


def test_instrument_due_day_is_computed_and_follows_an_edit(world):
    calibrated = timezone.localdate() - 400 * DAY
    instrument = services.instrument_create(
        actor=world.users["unit1"],
        unit=world.unit1,
        kind="survey",
        model="FH40G",
        calibrated_on=calibrated,
    )
    assert instrument.calibration_due == calibration_due(calibrated)
    recalibrated = timezone.localdate()
    services.instrument_update(
        instrument=instrument,
        actor=world.users["unit1"],
        expected_version=1,
        calibrated_on=recalibrated,
    )
    stored = Instrument.objects.get(pk=instrument.pk)
    assert stored.calibration_due == calibration_due(recalibrated)
    assert stored.version == 2
    event = AuditEvent.objects.filter(action="instrument.update").get()
    assert event.after["calibration_due"] == calibration_due(recalibrated).isoformat()
    assert event.before["calibrated_on"] == calibrated.isoformat()


def test_stale_version_is_refused(world):
    instrument = InstrumentFactory(unit=world.unit1)
    services.instrument_update(
        instrument=instrument, actor=world.users["unit1"], expected_version=1, model="A"
    )
    stale = Instrument.objects.get(pk=instrument.pk)
    stale.version = 1
    with pytest.raises(StaleEditError):
        services.instrument_update(
            instrument=stale, actor=world.users["bureau"], expected_version=1, model="B"
        )
    assert Instrument.objects.get(pk=instrument.pk).model == "A"


def test_unit_outside_the_authors_scope_is_refused(world):
    with pytest.raises(ValidationError) as refused:
        services.plan_create(
            actor=world.users["unit2"],
            unit=world.unit1,
            title="预案",
            edition="1",
            issued_on=timezone.localdate(),
        )
    assert refused.value.message_dict["unit"] == ["单位不存在或不在您的数据范围内。"]


def test_create_is_audited_with_its_values(world):
    supply = services.supply_create(
        actor=world.users["unit1"], unit=world.unit1, item=" 铅衣 ", quantity=3
    )
    assert supply.item == "铅衣"
    event = AuditEvent.objects.get(action="supply.create")
    assert event.object_id == str(supply.pk)
    assert event.after["quantity"] == 3
    assert event.actor == world.users["unit1"]


def test_negative_quantity_is_refused(world):
    with pytest.raises(ValidationError) as refused:
        services.supply_create(
            actor=world.users["unit1"], unit=world.unit1, item="铅衣", quantity=-1
        )
    assert "quantity" in refused.value.message_dict
