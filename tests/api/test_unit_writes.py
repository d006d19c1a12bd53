"""Unit writes go through the services: scope-checked, audited, versioned, nothing half-done."""

import datetime

import pytest

from radsafe.core.models import AuditEvent
from radsafe.registry.models import Unit, UnitStatusChange
from tests.factories import valid_credit_code

pytestmark = pytest.mark.django_db

JSON = "application/json"


def new_unit(world, **overrides):
    data = {
        "name": "永济市新建医院",
        "credit_code": valid_credit_code(),
        "address": "永济市中山街1号",
        "industries": ["diagnosis", "nuclear_medicine"],
        "contact_person": "张三",
        "contact_phone": "0359-8000000",
        "jurisdiction": world.county.pk,
        "squad": world.squad1.pk,
    }
    return {**data, **overrides}


def test_inspector_creates_a_unit_in_his_squad(world, client_as):
    response = client_as("inspector1").post("/api/units/", new_unit(world), content_type=JSON)
    assert response.status_code == 201, response.json()
    body = response.json()
    unit = Unit.objects.get(pk=body["id"])
    assert unit.scope_path == world.squad1.path
    assert sorted(body["industries"]) == ["diagnosis", "nuclear_medicine"]
    assert body["version"] == 1
    event = AuditEvent.objects.get(action="unit.create", object_id=str(unit.pk))
    assert event.actor == world.users["inspector1"]


def test_bad_credit_code_is_named_in_chinese_and_nothing_is_created(world, client_as):
    before = Unit.objects.count()
    response = client_as("inspector1").post(
        "/api/units/", new_unit(world, credit_code="91140881MA0K123450"), content_type=JSON
    )
    assert response.status_code == 400
    assert "统一社会信用代码" in response.json()["credit_code"][0]
    assert Unit.objects.count() == before


def test_duplicate_credit_code_is_refused(world, client_as):
    response = client_as("bureau").post(
        "/api/units/", new_unit(world, credit_code=world.unit2.credit_code), content_type=JSON
    )
    assert response.status_code == 400
    assert "已存在" in response.json()["credit_code"][0]


def test_lowercase_credit_code_is_normalised_by_the_service(world, client_as):
    code = valid_credit_code()
    response = client_as("bureau").post(
        "/api/units/", new_unit(world, credit_code=code.lower()), content_type=JSON
    )
    assert response.status_code == 201, response.json()
    assert response.json()["credit_code"] == code


def test_inspector_cannot_file_a_unit_under_another_squad(world, client_as):
    before = Unit.objects.count()
    response = client_as("inspector1").post(
        "/api/units/", new_unit(world, squad=world.squad2.pk), content_type=JSON
    )
    assert response.status_code == 400
    assert response.json()["squad"] == ["对象不存在或不在您的数据范围内。"]
    assert Unit.objects.count() == before


def test_a_unit_that_would_leave_the_authors_scope_rolls_back(world, client_as):
    before = (Unit.objects.count(), AuditEvent.objects.filter(action="unit.create").count())
    response = client_as("inspector1").post(
        "/api/units/", new_unit(world, squad=None), content_type=JSON
    )
    assert response.status_code == 400
    assert "数据范围" in response.json()["non_field_errors"][0]
    after = (Unit.objects.count(), AuditEvent.objects.filter(action="unit.create").count())
    assert after == before


def test_unknown_industry_code_is_named(world, client_as):
    response = client_as("bureau").post(
        "/api/units/", new_unit(world, industries=["nope"]), content_type=JSON
    )
    assert response.status_code == 400
    assert "nope" in response.json()["industries"][0]


def test_unit_officer_may_neither_create_nor_edit_units(world, client_as):
    client = client_as("unit1")
    before = Unit.objects.count()
    assert client.post("/api/units/", new_unit(world), content_type=JSON).status_code == 403
    response = client.patch(
        f"/api/units/{world.unit1.pk}/", {"name": "改名", "version": 1}, content_type=JSON
    )
    assert response.status_code == 403
    world.unit1.refresh_from_db()
    assert world.unit1.name == "永济市人民医院"
    assert Unit.objects.count() == before


def test_patch_with_current_version_saves_and_audits(world, client_as):
    old_phone = world.unit1.contact_phone
    response = client_as("bureau").patch(
        f"/api/units/{world.unit1.pk}/",
        {"contact_phone": "13800000000", "version": 1},
        content_type=JSON,
    )
    assert response.status_code == 200, response.json()
    assert response.json()["version"] == 2
    world.unit1.refresh_from_db()
    assert world.unit1.contact_phone == "13800000000"
    event = AuditEvent.objects.get(action="unit.update", object_id=str(world.unit1.pk))
    assert event.after["contact_phone"] == "13800000000"
    assert event.before["contact_phone"] == old_phone


def test_stale_version_is_a_conflict_and_changes_nothing(world, client_as):
    client = client_as("bureau")
    url = f"/api/units/{world.unit1.pk}/"
    first = client.patch(url, {"name": "第一次修改", "version": 1}, content_type=JSON)
    assert first.status_code == 200
    second = client.patch(url, {"name": "第二次修改", "version": 1}, content_type=JSON)
    assert second.status_code == 409
    assert "已被他人修改" in second.json()["detail"]
    world.unit1.refresh_from_db()
    assert (world.unit1.name, world.unit1.version) == ("第一次修改", 2)


def test_update_without_version_is_refused(world, client_as):
    response = client_as("bureau").patch(
        f"/api/units/{world.unit1.pk}/", {"name": "无版本"}, content_type=JSON
    )
    assert response.status_code == 400
    assert "version" in response.json()["version"][0]
    world.unit1.refresh_from_db()
    assert world.unit1.name == "永济市人民医院"


def test_put_replaces_industries(world, client_as):
    data = new_unit(world, credit_code=world.unit1.credit_code, industries=["gauging"], version=1)
    response = client_as("inspector1").put(f"/api/units/{world.unit1.pk}/", data, content_type=JSON)
    assert response.status_code == 200, response.json()
    assert list(world.unit1.industries.values_list("code", flat=True)) == ["gauging"]


def test_inspector_cannot_edit_another_squads_unit(world, client_as):
    response = client_as("inspector1").patch(
        f"/api/units/{world.unit2.pk}/", {"name": "越权", "version": 1}, content_type=JSON
    )
    assert response.status_code == 404
    world.unit2.refresh_from_db()
    assert world.unit2.name == "永济探伤公司"


def test_status_change_is_recorded(world, client_as):
    response = client_as("bureau").post(
        f"/api/units/{world.unit1.pk}/status/",
        {"status": "suspended", "changed_on": "2024-05-01", "reason": "长期停产"},
        content_type=JSON,
    )
    assert response.status_code == 200, response.json()
    body = response.json()
    assert (body["status"], body["status_since"]) == ("suspended", "2024-05-01")
    assert {"code": "status", "label": "非正常经营：长期停产"} in body["risk_flags"]
    change = UnitStatusChange.objects.get(unit=world.unit1)
    assert (change.from_status, change.to_status) == ("normal", "suspended")
    assert AuditEvent.objects.filter(action="unit.change_status").count() == 1


def test_status_change_to_the_same_status_is_refused_in_chinese(world, client_as):
    response = client_as("bureau").post(
        f"/api/units/{world.unit1.pk}/status/",
        {"status": "normal", "changed_on": "2024-05-01"},
        content_type=JSON,
    )
    assert response.status_code == 400
    assert response.json()["status"] == ["新状态与当前状态相同。"]
    assert not UnitStatusChange.objects.exists()


def test_status_change_in_the_future_is_refused(world, client_as):
    tomorrow = datetime.date.today() + datetime.timedelta(days=2)
    response = client_as("bureau").post(
        f"/api/units/{world.unit1.pk}/status/",
        {"status": "closed", "changed_on": tomorrow.isoformat()},
        content_type=JSON,
    )
    assert response.status_code == 400
    assert "changed_on" in response.json()
    world.unit1.refresh_from_db()
    assert world.unit1.status == "normal"


def test_status_cannot_be_set_through_a_plain_edit(world, client_as):
    response = client_as("bureau").patch(
        f"/api/units/{world.unit1.pk}/", {"status": "closed", "version": 1}, content_type=JSON
    )
    assert response.status_code == 200
    world.unit1.refresh_from_db()
    assert world.unit1.status == "normal"
