"""Query budgets (design.md rule 6): the readiness pages and endpoints cost the same number of
queries for 10 rows as for 1,000, and the bureau's overview the same for 10 units as for 1,000."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from radsafe.readiness.models import Drill, EquipmentFault, Instrument
from radsafe.registry.models import Unit
from tests.factories import RayDeviceFactory, valid_credit_code

pytestmark = pytest.mark.django_db

MAX_QUERIES = 15
DAY = datetime.timedelta(days=1)


def _rows(world, n: int, start: int) -> None:
    today = timezone.localdate()
    units = (world.unit1, world.unit2)
    device = RayDeviceFactory(unit=world.unit1)
    Drill.objects.bulk_create(
        Drill(
            unit=units[i % 2],
            held_on=today - i * DAY,
            kind="drill",
            scenario=f"演练{i}",
            participant_count=5,
        )
        for i in range(start, start + n)
    )
    Instrument.objects.bulk_create(
        Instrument(
            unit=units[i % 2],
            kind="alarm",
            model=f"仪器{i}",
            calibrated_on=today - i * DAY,
            calibration_due=today + (200 - i) * DAY,
        )
        for i in range(start, start + n)
    )
    EquipmentFault.objects.bulk_create(
        EquipmentFault(
            unit=units[i % 2],
            equipment=f"设备{i}",
            description="x",
            reported_on=today - i * DAY,
            stayed_in_use=bool(i % 3),
            device=device if i % 2 == 0 else None,
        )
        for i in range(start, start + n)
    )


def _units(world, n: int, start: int) -> None:
    Unit.objects.bulk_create(
        Unit(
            name=f"单位{i:05d}",
            credit_code=valid_credit_code(10_000 + i),
            jurisdiction=world.county,
            squad=world.squad1,
            scope_path=world.unit1.scope_path,
        )
        for i in range(start, start + n)
    )


PAGES = [
    ("readiness:overview", None),
    ("readiness:drill-list", None),
    ("readiness:instrument-list", None),
    ("readiness:fault-list", None),
    ("readiness:unit", "unit1"),
    ("api:drill-list", None),
    ("api:instrument-list", None),
    ("api:equipment-fault-list", None),
]


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("user", ["bureau", "unit1"])
def test_same_queries_for_10_and_1000_rows(world, client_as, user):
    client = client_as(user)
    urls = [reverse(name, args=[getattr(world, arg).pk] if arg else None) for name, arg in PAGES]
    _rows(world, 10, 0)
    _units(world, 10, 0)
    small = [_count(client, url) for url in urls]
    _rows(world, 990, 10)
    _units(world, 990, 10)
    large = [_count(client, url) for url in urls]
    assert large == small
    assert max(large) <= MAX_QUERIES
