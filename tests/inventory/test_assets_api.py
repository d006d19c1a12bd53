"""The asset endpoints: current activity and category for today or ?at=, writes through the
services with the same Chinese errors as the pages, scope as everywhere."""

import datetime

import pytest
from django.utils import timezone

from radsafe.inventory.models import Movement, Source
from tests.factories import RayDeviceFactory, SourceFactory, StorageSiteFactory, nuclide

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate
COBALT_HALF_LIFE_DAYS = 5.2713 * 365.25


@pytest.fixture
def cobalt_source(world):
    """Co-60 at A/D = 20 today: Ⅱ now, Ⅲ after two half-lives."""
    return SourceFactory(
        code="0124CO000013",
        unit=world.unit1,
        nuclide=nuclide("Co-60"),
        activity_bq=20 * 0.03e12,
        reference_date=TODAY(),
    )


def test_source_detail_gives_current_activity_and_category_for_today(client_as, cobalt_source):
    data = client_as("unit1").get(f"/api/sources/{cobalt_source.pk}/").json()
    assert data["current_activity_bq"] == pytest.approx(6e11)
    assert data["current_category"] == 2 and isinstance(data["current_category"], int)
    assert data["ratio"] == pytest.approx(20)
    assert data["below_exemption"] is False
    assert data["state_date"] == TODAY().isoformat()
    assert (data["code"], data["nuclide"], data["category_at_manufacture"]) == (
        "0124CO000013",
        "Co-60",
        3,
    )


def test_source_detail_for_another_day(client_as, cobalt_source):
    later = TODAY() + datetime.timedelta(days=round(2 * COBALT_HALF_LIFE_DAYS))
    data = client_as("inspector1").get(f"/api/sources/{cobalt_source.pk}/?at={later}").json()
    assert data["state_date"] == later.isoformat()
    assert data["current_activity_bq"] == pytest.approx(1.5e11, rel=1e-3)
    assert data["current_category"] == 3
    earlier = client_as("inspector1").get(f"/api/sources/{cobalt_source.pk}/?at=2000-01-01")
    assert earlier.json()["current_category"] == 2
    assert earlier.json()["current_activity_bq"] > 6e11


@pytest.mark.parametrize("bad", ["2024-02-30", "20240101", "tomorrow", "2024-1-5"])
def test_a_bad_date_is_a_400_in_chinese(client_as, cobalt_source, bad):
    response = client_as("unit1").get(f"/api/sources/{cobalt_source.pk}/", {"at": bad})
    assert response.status_code == 400
    assert response.json() == {
        "at": ["日期参数 at 应为 YYYY-MM-DD 格式的有效日期，例如 2025-06-30。"]
    }


def test_source_list_computes_each_row_and_keeps_the_scope(client_as, world, cobalt_source):
    SourceFactory(unit=world.unit2)
    SourceFactory(unit=world.foreign_unit)
    data = client_as("unit1").get("/api/sources/", {"at": "2030-01-01"}).json()
    assert [row["code"] for row in data["results"]] == ["0124CO000013"]
    assert data["results"][0]["state_date"] == "2030-01-01"
    assert data["results"][0]["current_category"] in (2, 3)
    assert client_as("bureau").get("/api/sources/").json()["count"] == 2
    assert client_as("unit2").get(f"/api/sources/{cobalt_source.pk}/").status_code == 404


def source_payload(world, **overrides):
    payload = {
        "code": "0120CS000054",
        "nuclide": "Cs-137",
        "activity_bq": 3.7e10,
        "reference_date": "2020-05-01",
        "unit": world.unit1.pk,
        "status": "in_use",
        "work_place": "三号线料仓",
        "person": "赵六",
    }
    return {**payload, **overrides}


def test_source_create_writes_the_arrival(client_as, world):
    response = client_as("unit1").post("/api/sources/", source_payload(world), format="json")
    assert response.status_code == 201, response.json()
    data = response.json()
    assert data["current_category"] == 4
    assert "person" not in data
    arrival = Movement.objects.get(source_id=data["id"])
    assert (arrival.kind, arrival.person, arrival.destination) == ("arrival", "赵六", "三号线料仓")


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"nuclide": "Xx-999"}, "nuclide", "核素“Xx-999”不存在，请从核素表中选择。"),
        ({"activity_bq": -1}, "activity_bq", "出厂活度必须是大于 0 的数值（单位 Bq）。"),
        ({"activity_bq": 0}, "activity_bq", "出厂活度必须是大于 0 的数值（单位 Bq）。"),
        ({"reference_date": "2999-01-01"}, "reference_date", "活度参考日期不能晚于今天。"),
        ({"code": "0120CS0000"}, "code", "放射源编码应为 12 位，当前为 10 位。"),
        ({"status": "stolen"}, "status", "新登记的放射源状态只能是在用、贮存、闲置或废旧待送贮。"),
        ({"unit": "unit2"}, "unit", "对象不存在或不在您的数据范围内。"),
    ],
)
def test_source_create_bad_input(client_as, world, overrides, field, message):
    if overrides.get("unit") == "unit2":
        overrides = {"unit": world.unit2.pk}
    response = client_as("unit1").post(
        "/api/sources/", source_payload(world, **overrides), format="json"
    )
    assert response.status_code == 400
    assert message in response.json()[field]
    assert not Source.objects.exists() and not Movement.objects.exists()


def test_source_update_needs_the_version_and_leaves_the_register_alone(client_as, cobalt_source):
    client = client_as("unit1")
    url = f"/api/sources/{cobalt_source.pk}/"
    missing = client.patch(url, {"use": "探伤"}, content_type="application/json")
    assert missing.status_code == 400 and "version" in missing.json()
    moved = client.patch(url, {"status": "lost", "version": 1}, content_type="application/json")
    assert moved.json() == {"status": ["状态和位置只能通过出入库登记变更。"]}
    ok = client.patch(url, {"use": "探伤", "version": 1}, content_type="application/json")
    assert ok.status_code == 200 and ok.json()["version"] == 2
    stale = client.patch(url, {"use": "测厚", "version": 1}, content_type="application/json")
    assert stale.status_code == 409
    cobalt_source.refresh_from_db()
    assert (cobalt_source.use, cobalt_source.status) == ("探伤", "stored")


def test_inspectors_read_but_do_not_write(client_as, world, cobalt_source):
    client = client_as("inspector1")
    assert client.get(f"/api/sources/{cobalt_source.pk}/").status_code == 200
    response = client.post("/api/sources/", source_payload(world), format="json")
    assert response.status_code == 403


def test_nuclides_are_read_by_viewers_and_edited_by_the_administrator(client_as):
    listed = client_as("unit1").get("/api/nuclides/", {"q": "Co-60"}).json()
    (cobalt,) = listed["results"]
    assert (cobalt["symbol"], cobalt["name_zh"], cobalt["d_value_tbq"]) == ("Co-60", "钴-60", 0.03)
    assert cobalt["half_life_days"] == pytest.approx(COBALT_HALF_LIFE_DAYS, rel=1e-3)
    url = f"/api/nuclides/{cobalt['id']}/"
    body = {"verified": True, "code": "CO", "half_life_s": 1, "version": 1}
    assert client_as("bureau").patch(url, body, content_type="application/json").status_code == 403
    response = client_as("sysadmin").patch(url, body, content_type="application/json")
    assert response.status_code == 200
    assert response.json()["code"] == "CO"
    assert response.json()["half_life_s"] == cobalt["half_life_s"]  # read-only, never edited


def test_storage_site_detail_has_contents_and_aggregate_category(client_as, world, cobalt_source):
    site = StorageSiteFactory(unit=world.unit1)
    Source.objects.filter(pk=cobalt_source.pk).update(site=site)
    SourceFactory(unit=world.unit1, site=site, status="transferred")
    data = client_as("unit1").get(f"/api/storage-sites/{site.pk}/").json()
    assert [s["code"] for s in data["sources"]] == ["0124CO000013"]
    assert data["ratio_sum"] == pytest.approx(20)
    assert data["aggregate_category"] == 2
    assert data["source_count"] == 1
    listed = client_as("unit1").get("/api/storage-sites/").json()["results"]
    assert [(row["id"], row["source_count"]) for row in listed] == [(site.pk, 1)]


def test_storage_site_create_refuses_a_duplicate_name_in_chinese(client_as, world):
    client = client_as("unit1")
    body = {"unit": world.unit1.pk, "name": "源库", "kind": "storage", "place": "东院"}
    assert client.post("/api/storage-sites/", body, format="json").status_code == 201
    again = client.post("/api/storage-sites/", body, format="json")
    assert again.json() == {"name": ["该单位已有名为“源库”的贮存场所。"]}


def test_device_create_and_list(client_as, world):
    existing = RayDeviceFactory(unit=world.unit2)  # a diagnostic X-ray unit, class Ⅲ
    body = {"unit": world.unit2.pk, "name": "DR", "device_type": existing.device_type_id}
    body["rated_kv"] = 150
    response = client_as("unit2").post("/api/devices/", body, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["device_class"] == 3
    assert client_as("unit1").get("/api/devices/").json()["count"] == 0
    assert client_as("bureau").get("/api/devices/", {"unit": world.unit2.pk}).json()["count"] == 2
    bad = client_as("unit2").post("/api/devices/", {**body, "rated_kv": -1}, format="json")
    assert bad.status_code == 400 and "rated_kv" in bad.json()
