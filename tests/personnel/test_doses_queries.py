"""Query budgets (design.md rule 6): the dose list, its API and the unexplained-flags page cost the
same number of queries for 10 dose records as for 1,000."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from radsafe.personnel.models import DoseRecord

from .factories import make_worker

pytestmark = pytest.mark.django_db
URLS = ["/personnel/doses/", "/api/doses/", "/personnel/doses/flags/"]


def add_records(workers, n: int, start: int) -> None:
    """Monthly 30-day periods, every third one above the investigation level (a flag)."""
    first = datetime.date(2000, 1, 1)
    DoseRecord.objects.bulk_create(
        DoseRecord(
            worker=(worker := workers[i % len(workers)]),
            unit_id=worker.unit_id,
            scope_path=worker.scope_path,
            period_start=(day := first + datetime.timedelta(days=31 * (i // len(workers)))),
            period_end=day + datetime.timedelta(days=29),
            hp10_msv=Decimal("0.900") if i % 3 == 0 else Decimal("0.050"),
        )
        for i in range(start, start + n)
    )


def queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    assert "人员" in response.content.decode() or "worker" in response.content.decode()
    return len(captured)


@pytest.mark.parametrize("url", URLS)
@pytest.mark.parametrize("role", ["bureau", "unit1"])
def test_dose_lists_cost_the_same_for_ten_and_a_thousand_records(client_as, world, url, role):
    workers = [
        make_worker(world.unit1 if i % 2 else world.unit2, name=f"人员{i}") for i in range(4)
    ]
    client = client_as(role)
    add_records(workers, 10, 0)
    few = queries(client, url)
    add_records(workers, 990, 10)
    many = queries(client, url)
    assert few == many
    assert many <= 15
    assert DoseRecord.objects.count() == 1000
