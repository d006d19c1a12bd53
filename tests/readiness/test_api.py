"""The readiness API: the fixed paths, each role exactly its scope, writes through the services
with the same Chinese messages, versions required on edits."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from radsafe.readiness.models import EquipmentFault, Instrument
from tests.factories import RayDeviceFactory

from .factories import DrillFactory, FaultFactory, InstrumentFactory, PlanFactory

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)
SCOPES = [
    ("bureau", {"unit1", "unit2"}),
    ("inspector1", {"unit1"}),
    ("inspector2", {"unit2"}),
    ("unit1", {"unit1"}),
    ("unit2", {"unit2"}),
    ("city", {"unit1", "unit2", "foreign_unit"}),
]
FACTORIES = {
    "/api/emergency-plans/": PlanFactory,
    "/api/drills/": DrillFactory,
    "/api/instruments/": InstrumentFactory,
    "/api/equipment-faults/": FaultFactory,
}


def test_paths_are_those_of_the_issue():
    assert reverse("api:emergency-plan-list") == "/api/emergency-plans/"
    assert reverse("api:drill-list") == "/api/drills/"
    assert reverse("api:instrument-list") == "/api/instruments/"
    assert reverse("api:equipment-fault-list") == "/api/equipment-faults/"


@pytest.mark.parametrize(("name", "visible"), SCOPES)
@pytest.mark.parametrize("path", sorted(FACTORIES))
def test_lists_show_exactly_the_users_scope(world, client_as, name, visible, path):
    rows = {k: FACTORIES[path](unit=getattr(world, k)) for k in ("unit1", "unit2", "foreign_unit")}
    client = client_as(name)
    body = client.get(path).json()
    assert {row["id"] for row in body["results"]} == {rows[k].pk for k in visible}
    for key, row in rows.items():
        assert client.get(f"{path}{row.pk}/").status_code == (200 if key in visible else 404)


def test_fault_create_flags_sick_and_refuses_bad_dates_in_chinese(world, client_as):
    client = client_as("unit1")
    today = timezone.localdate()
    device = RayDeviceFactory(unit=world.unit1)
    created = client.post(
        "/api/equipment-faults/",
        {
            "unit": world.unit1.pk,
            "equipment": "探伤机",
            "device": device.pk,
            "description": "高压不稳",
            "reported_on": (today - 31 * DAY).isoformat(),
            "stayed_in_use": True,
        },
        content_type="application/json",
    )
    assert created.status_code == 201, created.json()
    assert created.json()["sick"] is True and created.json()["device"] == device.pk
    refused = client.patch(
        f"/api/equipment-faults/{created.json()['id']}/",
        {"repaired_on": (today - 40 * DAY).isoformat(), "version": 1},
        content_type="application/json",
    )
    assert refused.status_code == 400
    assert refused.json()["repaired_on"] == ["修复日期不能早于报告日期。"]
    assert EquipmentFault.objects.get().repaired_on is None


def test_fault_may_not_name_another_units_device(world, client_as):
    foreign = RayDeviceFactory(unit=world.unit2)
    response = client_as("unit1").post(
        "/api/equipment-faults/",
        {
            "unit": world.unit1.pk,
            "equipment": "x",
            "device": foreign.pk,
            "description": "x",
            "reported_on": timezone.localdate().isoformat(),
        },
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json()["device"] == ["对象不存在或不在您的数据范围内。"]
    assert not EquipmentFault.objects.exists()


def test_instrument_edit_needs_the_version_and_stale_is_409(world, client_as):
    instrument = InstrumentFactory(unit=world.unit1, calibrated_on=timezone.localdate() - 400 * DAY)
    client = client_as("unit1")
    url = f"/api/instruments/{instrument.pk}/"
    assert client.get(url).json()["overdue"] is True
    missing = client.patch(url, {"model": "A"}, content_type="application/json")
    assert missing.status_code == 400 and "version" in missing.json()
    today = timezone.localdate().isoformat()
    done = client.patch(
        url, {"calibrated_on": today, "version": 1}, content_type="application/json"
    )
    assert done.status_code == 200 and done.json()["overdue"] is False
    stale = client.patch(url, {"model": "B", "version": 1}, content_type="application/json")
    assert stale.status_code == 409
    assert Instrument.objects.get().model == instrument.model


def test_viewer_may_not_write(world, client_as):
    response = client_as("inspector1").post(
        "/api/drills/", {"unit": world.unit1.pk}, content_type="application/json"
    )
    assert response.status_code == 403
