"""Licence writes: the unit is a scoped field, rules come from the service, edits are versioned."""

import pytest

from radsafe.core.models import AuditEvent
from radsafe.registry.models import Licence
from tests.factories import LicenceFactory

pytestmark = pytest.mark.django_db

JSON = "application/json"
SCOPE_ERROR = "对象不存在或不在您的数据范围内。"


def new_licence(unit, **overrides):
    data = {
        "unit": unit.pk,
        "number": "晋环辐证[00123]",
        "authority": "山西省生态环境厅",
        "authority_level": "province",
        "scope": "使用Ⅲ类射线装置",
        "issued_on": "2023-03-01",
        "expires_on": "2028-02-28",
    }
    return {**data, **overrides}


def test_unit_officer_posting_another_units_id_is_refused_in_chinese(world, client_as):
    response = client_as("unit1").post(
        "/api/licences/", new_licence(world.unit2), content_type=JSON
    )
    assert response.status_code == 400
    assert response.json()["unit"] == [SCOPE_ERROR]
    assert not Licence.objects.exists()
    assert not AuditEvent.objects.filter(action="licence.create").exists()


def test_an_id_that_does_not_exist_reads_the_same(world, client_as):
    response = client_as("unit1").post(
        "/api/licences/", {**new_licence(world.unit1), "unit": 999_999}, content_type=JSON
    )
    assert response.json()["unit"] == [SCOPE_ERROR]


def test_unit_officer_creates_a_licence_for_his_unit(world, client_as):
    response = client_as("unit1").post(
        "/api/licences/", new_licence(world.unit1), content_type=JSON
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["unit"], body["unit_name"]) == (world.unit1.pk, "永济市人民医院")
    assert body["authority_level_display"] == "省级（省生态环境厅）"
    world.unit1.refresh_from_db()
    assert str(world.unit1.licence_expires_on) == "2028-02-28"
    assert AuditEvent.objects.filter(action="licence.create", object_id=str(body["id"])).exists()


def test_expiry_before_issue_is_refused(world, client_as):
    response = client_as("unit1").post(
        "/api/licences/",
        new_licence(world.unit1, issued_on="2023-03-01", expires_on="2022-03-01"),
        content_type=JSON,
    )
    assert response.status_code == 400
    assert response.json()["expires_on"] == ["有效期至必须晚于发证日期。"]
    assert not Licence.objects.exists()


def test_duplicate_number_is_refused_in_chinese(world, client_as):
    LicenceFactory(unit=world.unit2, number="晋环辐证[00123]")
    response = client_as("unit1").post(
        "/api/licences/", new_licence(world.unit1), content_type=JSON
    )
    assert response.status_code == 400
    assert "许可证编号" in response.json()["number"][0]
    assert "已存在" in response.json()["number"][0]
    assert Licence.objects.count() == 1


def test_licence_edit_is_versioned(world, client_as):
    licence = LicenceFactory(unit=world.unit1)
    client = client_as("unit1")
    url = f"/api/licences/{licence.pk}/"
    ok = client.patch(url, {"expires_on": "2029-01-01", "version": 1}, content_type=JSON)
    assert ok.status_code == 200, ok.json()
    stale = client.patch(url, {"expires_on": "2030-01-01", "version": 1}, content_type=JSON)
    assert stale.status_code == 409
    licence.refresh_from_db()
    assert (str(licence.expires_on), licence.version) == ("2029-01-01", 2)
    world.unit1.refresh_from_db()
    assert str(world.unit1.licence_expires_on) == "2029-01-01"


def test_licence_cannot_move_to_another_unit(world, client_as):
    licence = LicenceFactory(unit=world.unit1)
    response = client_as("bureau").patch(
        f"/api/licences/{licence.pk}/", {"unit": world.unit2.pk, "version": 1}, content_type=JSON
    )
    assert response.status_code == 400
    assert "不能修改" in response.json()["unit"][0]
    licence.refresh_from_db()
    assert licence.unit_id == world.unit1.pk


def test_oversight_may_read_but_not_write_licences(world, client_as):
    client = client_as("city")
    assert client.get("/api/licences/").status_code == 200
    response = client.post("/api/licences/", new_licence(world.unit1), content_type=JSON)
    assert response.status_code == 403
    assert not Licence.objects.exists()
