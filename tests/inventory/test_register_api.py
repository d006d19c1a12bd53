"""The register's API: same services, same scope and the same Chinese messages as the pages."""

import datetime

import pytest
from django.utils import timezone

from radsafe.inventory.models import Incident, Movement, OffsiteUse, Transfer
from tests.personnel.factories import make_qualified_worker

from .test_register_services import ago, held_source

pytestmark = pytest.mark.django_db

JSON = "application/json"


def event(source, kind, **overrides):
    return {
        "kind": kind,
        "source": source.pk,
        "occurred_at": ago(hours=2).isoformat(),
        "person": "刘晓燕",
        "destination": "永济市工地",
        **overrides,
    }


def test_check_out_and_return_through_the_api(world, client_as):
    source = held_source(world.unit1)
    worker = make_qualified_worker(world.unit1, name="王建国")
    client = client_as("unit1")
    out = event(source, "check_out", worker=worker.pk, person="")
    response = client.post("/api/movements/", out, content_type=JSON)
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["kind"] == "check_out" and body["source_code"] == source.code
    assert body["worker"] == worker.pk and body["person"] == "王建国"
    assert body["unfiled_offsite"] is False and body["warnings"] == []
    again = client.post("/api/movements/", out, content_type=JSON)
    assert again.status_code == 400
    assert "该放射源已出库，尚未归还" in again.json()["non_field_errors"][0]
    back = client.post(
        "/api/movements/",
        event(source, "return", occurred_at=ago(hours=1).isoformat()),
        content_type=JSON,
    )
    assert back.status_code == 201
    assert back.json()["check_out"] == body["id"]


def test_a_return_without_check_out_is_a_400_in_chinese(world, client_as):
    source = held_source(world.unit1)
    response = client_as("bureau").post(
        "/api/movements/", event(source, "return"), content_type=JSON
    )
    assert response.status_code == 400
    assert "该放射源没有未归还的出库记录" in response.json()["non_field_errors"][0]
    assert Movement.objects.count() == 1  # the arrival only


def test_another_units_source_reads_as_unknown(world, client_as):
    source = held_source(world.unit2)
    worker = make_qualified_worker(world.unit1)
    response = client_as("unit1").post(
        "/api/movements/", event(source, "check_out", worker=worker.pk), content_type=JSON
    )
    assert response.status_code == 400
    assert "不存在或不在您的数据范围内" in response.json()["source"][0]


def test_an_inspector_may_read_but_not_record(world, client_as):
    source = held_source(world.unit1)
    client = client_as("inspector1")
    listed = client.get("/api/movements/").json()
    assert [row["source"] for row in listed["results"]] == [source.pk]
    response = client.post("/api/movements/", event(source, "check_out"), content_type=JSON)
    assert response.status_code == 403
    assert client_as("inspector2").get("/api/movements/").json()["count"] == 0


def test_lost_opens_an_incident_that_the_bureau_closes(world, client_as):
    source = held_source(world.unit1)
    response = client_as("unit1").post(
        "/api/movements/",
        event(source, "status_change", to_status="lost", place="永济市城西仓库"),
        content_type=JSON,
    )
    assert response.status_code == 201, response.json()
    incident = Incident.objects.get()
    listed = client_as("inspector1").get("/api/incidents/", {"status": "open"}).json()
    assert [row["id"] for row in listed["results"]] == [incident.pk]
    assert listed["results"][0]["grade_display"] == "一般"
    url = f"/api/incidents/{incident.pk}/close/"
    assert client_as("unit1").post(url, {"closing_note": "x"}, content_type=JSON).status_code == 403
    closed = client_as("bureau").post(url, {"closing_note": "已找回"}, content_type=JSON)
    assert closed.status_code == 200 and closed.json()["status"] == "closed"
    twice = client_as("bureau").post(url, {"closing_note": "再次"}, content_type=JSON)
    assert twice.status_code == 400 and "该事故已结案" in twice.json()["non_field_errors"][0]


def test_a_status_change_needs_to_status(world, client_as):
    source = held_source(world.unit1)
    response = client_as("unit1").post(
        "/api/movements/", event(source, "status_change"), content_type=JSON
    )
    assert response.status_code == 400 and "to_status" in response.json()


def test_transfer_to_the_same_unit_is_refused(world, client_as):
    source = held_source(world.unit1)
    response = client_as("unit1").post(
        "/api/transfers/",
        {
            "source": source.pk,
            "to_unit_credit_code": world.unit1.credit_code,
            "approval_number": "晋环转[2025]1号",
            "transferred_on": timezone.localdate().isoformat(),
        },
        content_type=JSON,
    )
    assert response.status_code == 400
    assert "不能转让给本单位" in response.json()["to_unit"][0]
    assert not Transfer.objects.exists()


def test_offsite_filing_create_and_versioned_edit(world, client_as):
    source = held_source(world.unit1)
    client = client_as("unit1")
    today = timezone.localdate()
    response = client.post(
        "/api/offsite-uses/",
        {
            "source": source.pk,
            "place": "运城市盐湖区工地",
            "starts_on": today.isoformat(),
            "ends_on": (today + datetime.timedelta(days=10)).isoformat(),
            "authority": "山西省生态环境厅",
            "filing_number": "晋环异备[2025]8号",
        },
        content_type=JSON,
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["unit"] == world.unit1.pk and body["version"] == 1
    url = f"/api/offsite-uses/{body['id']}/"
    no_version = client.patch(url, {"place": "别处"}, content_type=JSON)
    assert no_version.status_code == 400 and "version" in no_version.json()
    edited = client.patch(url, {"place": "别处", "version": 1}, content_type=JSON)
    assert edited.status_code == 200 and edited.json()["version"] == 2
    stale = client.patch(url, {"place": "又一处", "version": 1}, content_type=JSON)
    assert stale.status_code == 409
    assert OffsiteUse.objects.get().place == "别处"
