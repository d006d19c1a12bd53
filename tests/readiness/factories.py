"""Factories of the readiness rows (kept with their tests; tests/factories.py holds the shared
ones). Rows are written directly, as fixtures: the services are what the tests exercise."""

import datetime

import factory

from radsafe.readiness.deadlines import calibration_due
from radsafe.readiness.models import (
    Drill,
    EmergencyPlan,
    EmergencySupply,
    EquipmentFault,
    Instrument,
)
from tests.factories import UnitFactory

RECENT = datetime.date.today() - datetime.timedelta(days=10)


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EmergencyPlan

    unit = factory.SubFactory(UnitFactory)
    title = "辐射事故应急预案"
    edition = "2025 版"
    issued_on = RECENT


class SupplyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EmergencySupply

    unit = factory.SubFactory(UnitFactory)
    item = factory.Sequence(lambda n: f"铅防护服{n}")
    quantity = 2
    last_checked_on = RECENT


class DrillFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Drill

    unit = factory.SubFactory(UnitFactory)
    held_on = RECENT
    kind = "drill"
    scenario = "放射源丢失应急演练"
    participant_count = 8


class InstrumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Instrument

    unit = factory.SubFactory(UnitFactory)
    kind = "survey"
    model = factory.Sequence(lambda n: f"FH40G-{n}")
    calibrated_on = RECENT
    calibration_due = factory.LazyAttribute(lambda o: calibration_due(o.calibrated_on))


class FaultFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EquipmentFault

    unit = factory.SubFactory(UnitFactory)
    equipment = "工业探伤机门机联锁"
    description = "联锁失效"
    reported_on = RECENT
