"""Query budgets (design.md rule 6): the personnel lists cost the same number of queries for 10
workers as for 1,000."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from radsafe.personnel.models import TrainingResult, Worker
from tests.factories import RayDeviceFactory

pytestmark = pytest.mark.django_db

URLS = [
    "/personnel/workers/",
    "/personnel/unlicensed/",
    "/personnel/trainings/expiring/",
    "/api/workers/",
    "/api/trainings/",
]


def add_workers(world, n: int, start: int) -> None:
    """Half of them operate a device without a result (flagged), half have a result ending soon."""
    units = (world.unit1, world.unit2)
    workers = Worker.objects.bulk_create(
        Worker(
            unit=(unit := units[(i // 2) % 2]),
            scope_path=unit.scope_path,
            name=f"人员{i}",
            id_number_cipher=b"\x01" + bytes(28),
            id_number_index=f"{i:064x}",
            id_number_masked="140***********0000",
            sex="male",
            work_type="gauging",
            employed_on=datetime.date(2020, 1, 1),
        )
        for i in range(start, start + n)
    )
    devices = {unit.pk: RayDeviceFactory(unit=unit) for unit in units}
    Worker.devices.through.objects.bulk_create(
        Worker.devices.through(worker=w, raydevice=devices[w.unit_id]) for w in workers[::2]
    )
    passed = timezone.localdate() - datetime.timedelta(days=1800)
    TrainingResult.objects.bulk_create(
        TrainingResult(
            worker=w,
            number=f"FS-{w.pk}",
            category="other",
            passed_on=passed,
            valid_until=passed + datetime.timedelta(days=1825),
        )
        for w in workers[1::2]
    )


def queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    assert "人员" in response.content.decode()  # the list is not empty
    return len(captured)


@pytest.mark.parametrize("url", URLS)
@pytest.mark.parametrize("role", ["bureau", "unit1"])
def test_lists_cost_the_same_for_ten_and_a_thousand_rows(client_as, world, url, role):
    client = client_as(role)
    add_workers(world, 10, 0)
    few = queries(client, url)
    add_workers(world, 990, 10)
    many = queries(client, url)
    assert few == many
    assert many <= 15
