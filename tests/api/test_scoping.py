"""The API shows exactly what the pages show: each role its own scope, out of scope is 404."""

import pytest
from django.urls import reverse

from radsafe.core.models import AuditEvent
from tests.factories import LicenceFactory

pytestmark = pytest.mark.django_db

SCOPES = [
    ("bureau", {"unit1", "unit2"}),
    ("inspector1", {"unit1"}),
    ("inspector2", {"unit2"}),
    ("unit1", {"unit1"}),
    ("unit2", {"unit2"}),
    ("city", {"unit1", "unit2", "foreign_unit"}),
]


def test_url_names_are_fixed(world):
    pk = world.unit1.pk
    assert reverse("api:unit-list") == "/api/units/"
    assert reverse("api:unit-detail", args=[pk]) == f"/api/units/{pk}/"
    assert reverse("api:unit-status", args=[pk]) == f"/api/units/{pk}/status/"
    assert reverse("api:licence-list") == "/api/licences/"
    assert reverse("api:licence-detail", args=[pk]) == f"/api/licences/{pk}/"


@pytest.mark.parametrize(("name", "visible"), SCOPES)
def test_unit_list_shows_exactly_the_users_scope(world, client_as, name, visible):
    response = client_as(name).get("/api/units/")
    assert response.status_code == 200
    body = response.json()
    assert {row["id"] for row in body["results"]} == {getattr(world, k).pk for k in visible}
    assert body["count"] == len(visible)


@pytest.mark.parametrize(("name", "visible"), SCOPES)
def test_licence_list_shows_exactly_the_users_scope(world, client_as, name, visible):
    licences = {
        key: LicenceFactory(unit=getattr(world, key)) for key in ("unit1", "unit2", "foreign_unit")
    }
    response = client_as(name).get("/api/licences/")
    assert response.status_code == 200
    assert {row["id"] for row in response.json()["results"]} == {licences[k].pk for k in visible}


@pytest.mark.parametrize(("name", "visible"), SCOPES)
def test_unit_detail_is_404_out_of_scope(world, client_as, name, visible):
    client = client_as(name)
    for key in ("unit1", "unit2", "foreign_unit"):
        response = client.get(f"/api/units/{getattr(world, key).pk}/")
        assert response.status_code == (200 if key in visible else 404), key


def test_unit_officer_gets_404_for_another_units_objects(world, client_as):
    licence = LicenceFactory(unit=world.unit2)
    client = client_as("unit1")
    assert client.get(f"/api/units/{world.unit2.pk}/").status_code == 404
    assert client.get(f"/api/licences/{licence.pk}/").status_code == 404
    assert client.post(f"/api/units/{world.unit2.pk}/status/", {}).status_code == 403


def test_detail_shows_the_documented_fields(world, client_as):
    body = client_as("unit1").get(f"/api/units/{world.unit1.pk}/").json()
    assert body["credit_code"] == world.unit1.credit_code
    assert body["industries"] == ["diagnosis"]
    assert body["squad"] == world.squad1.pk
    assert body["status"] == "normal"
    assert body["status_display"] == "正常"
    assert body["risk_flags"] == [{"code": "no_licence", "label": "无许可证记录"}]
    assert body["version"] == 1


@pytest.mark.parametrize("name", ["sysadmin", "secadmin", "auditor"])
def test_administrators_see_no_business_data(world, client_as, name):
    client = client_as(name)
    for url in ("/api/units/", "/api/licences/", f"/api/units/{world.unit1.pk}/"):
        assert client.get(url).status_code == 403, url
    denied = AuditEvent.objects.filter(action="permission.denied", actor=world.users[name])
    assert denied.count() == 3


def test_anonymous_is_refused(world, client):
    for url in ("/api/units/", "/api/licences/", f"/api/units/{world.unit1.pk}/"):
        assert client.get(url).status_code in {401, 403}, url
    response = client.get("/api/units/")
    assert "身份认证信息未提供" in response.json()["detail"]


def test_delete_is_not_offered(world, client_as):
    response = client_as("bureau").delete(f"/api/units/{world.unit1.pk}/")
    assert response.status_code in {403, 405}
    assert client_as("bureau").get(f"/api/units/{world.unit1.pk}/").status_code == 200


def test_options_describes_only_what_the_user_may_do(world, client_as):
    bureau = client_as("bureau").options("/api/units/")
    assert bureau.status_code == 200
    assert "POST" in bureau.json()["actions"]
    officer = client_as("unit1").options("/api/units/")
    assert officer.status_code == 200
    assert "actions" not in officer.json()
    assert not AuditEvent.objects.filter(action="permission.denied").exists()
    assert client_as("auditor").options("/api/units/").status_code == 403
