"""The readiness flags exactly at their boundaries (12 months, 30 days), asked both ways the
system asks them: the query conditions (bureau list, filters) and the row-level twins (tables,
the unit's page), which must agree."""

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from radsafe.readiness.deadlines import add_months, calibration_due
from radsafe.readiness.models import EquipmentFault, Instrument
from radsafe.readiness.selectors import (
    any_flag_q,
    fault_sick,
    instrument_overdue,
    unit_readiness,
    unit_readiness_list,
)

from .factories import DrillFactory, FaultFactory, InstrumentFactory, PlanFactory, SupplyFactory

ONE_DAY = datetime.timedelta(days=1)
days = st.dates(min_value=datetime.date(2000, 1, 1), max_value=datetime.date(2080, 12, 31))
# Month ends and leap days are where calendar arithmetic goes wrong.
TODAYS = [
    datetime.date(2025, 6, 15),
    datetime.date(2024, 2, 29),
    datetime.date(2025, 2, 28),
    datetime.date(2025, 3, 31),
    datetime.date(2025, 12, 31),
]


@given(days, st.integers(min_value=-3, max_value=3), st.booleans())
def test_instrument_overdue_exactly_after_the_due_day(calibrated_on, offset, in_use):
    due = calibration_due(calibrated_on)
    instrument = Instrument(calibrated_on=calibrated_on, calibration_due=due, in_use=in_use)
    today = due + datetime.timedelta(days=offset)
    assert instrument_overdue(instrument, today) is (in_use and offset > 0)


@given(days, st.integers(min_value=25, max_value=35), st.booleans(), st.booleans())
def test_fault_sick_after_more_than_30_days_open_and_in_use(reported, age, stayed, repaired):
    fault = EquipmentFault(
        reported_on=reported,
        repaired_on=reported + ONE_DAY if repaired else None,
        stayed_in_use=stayed,
    )
    today = reported + datetime.timedelta(days=age)
    assert fault_sick(fault, today) is (stayed and not repaired and age > 30)


def test_never_calibrated_instrument_in_use_is_overdue():
    assert instrument_overdue(Instrument(calibration_due=None, in_use=True), TODAYS[0])
    assert not instrument_overdue(Instrument(calibration_due=None, in_use=False), TODAYS[0])


def _flags(world, today):
    row = unit_readiness_list(user=world.users["bureau"], today=today).get(pk=world.unit1.pk)
    page = unit_readiness(user=world.users["bureau"], unit=world.unit1, today=today)
    return row, page


@pytest.mark.django_db
@pytest.mark.parametrize("today", TODAYS)
def test_drill_within_12_months_counts_and_one_day_older_does_not(world, today):
    PlanFactory(unit=world.unit1)
    drill = DrillFactory(unit=world.unit1, held_on=add_months(today, -12))
    row, page = _flags(world, today)
    assert not row.no_recent_drill and not page.no_recent_drill
    drill.held_on -= ONE_DAY
    drill.save()
    row, page = _flags(world, today)
    assert row.no_recent_drill and page.no_recent_drill


@pytest.mark.django_db
def test_a_training_is_not_a_drill(world):
    today = TODAYS[0]
    DrillFactory(unit=world.unit1, held_on=today, kind="training")
    row, page = _flags(world, today)
    assert row.no_recent_drill and page.no_recent_drill and page.last_drill_on is None


@pytest.mark.django_db
@pytest.mark.parametrize("today", TODAYS)
def test_supply_checked_12_months_ago_is_fine_one_day_more_is_not(world, today):
    supply = SupplyFactory(unit=world.unit1, last_checked_on=add_months(today, -12))
    SupplyFactory(unit=world.unit1, last_checked_on=today)
    row, page = _flags(world, today)
    assert not row.stale_supplies and page.stale_supplies == 0
    supply.last_checked_on -= ONE_DAY
    supply.save()
    row, page = _flags(world, today)
    assert row.stale_supplies and page.stale_supplies == 1


@pytest.mark.django_db
@pytest.mark.parametrize("today", TODAYS)
def test_instrument_valid_on_its_due_day_overdue_the_day_after(world, today):
    instrument = InstrumentFactory(unit=world.unit1, calibrated_on=today)
    due = instrument.calibration_due
    assert due == add_months(today, 12)
    row, page = _flags(world, due)
    assert not row.overdue_instruments and page.overdue_instruments == 0
    row, page = _flags(world, due + ONE_DAY)
    assert row.overdue_instruments and page.overdue_instruments == 1
    instrument.in_use = False
    instrument.save()
    row, page = _flags(world, due + ONE_DAY)
    assert not row.overdue_instruments and page.overdue_instruments == 0


@pytest.mark.django_db
@pytest.mark.parametrize("today", TODAYS)
def test_fault_open_30_days_is_not_yet_sick_31_days_is(world, today):
    fault = FaultFactory(
        unit=world.unit1, reported_on=today - datetime.timedelta(days=30), stayed_in_use=True
    )
    row, page = _flags(world, today)
    assert not row.sick_faults and page.sick_faults == 0
    row, page = _flags(world, today + ONE_DAY)
    assert row.sick_faults and page.sick_faults == 1
    fault.stayed_in_use = False  # stopped while faulty: not 带病运行
    fault.save()
    row, page = _flags(world, today + ONE_DAY)
    assert not row.sick_faults and page.sick_faults == 0


@pytest.mark.django_db
def test_a_ready_unit_has_no_flag_and_an_empty_one_has_plan_and_drill_flags(world):
    today = TODAYS[0]
    PlanFactory(unit=world.unit1)
    DrillFactory(unit=world.unit1, held_on=today)
    SupplyFactory(unit=world.unit1, last_checked_on=today)
    InstrumentFactory(unit=world.unit1, calibrated_on=today)
    FaultFactory(unit=world.unit1, reported_on=today - datetime.timedelta(days=90))  # not in use
    rows = unit_readiness_list(user=world.users["bureau"], today=today)
    flagged = set(rows.filter(any_flag_q()).values_list("pk", flat=True))
    assert world.unit1.pk not in flagged
    assert world.unit2.pk in flagged
    unit2 = rows.get(pk=world.unit2.pk)
    assert unit2.no_plan and unit2.no_recent_drill
    assert not (unit2.stale_supplies or unit2.overdue_instruments or unit2.sick_faults)
    page = unit_readiness(user=world.users["bureau"], unit=world.unit1, today=today)
    assert not page.flagged
