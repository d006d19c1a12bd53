import pytest
from django.urls import reverse
from rest_framework.authtoken.models import Token

from radsafe.core.models import AuditEvent
from tests.factories import TEST_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

URL = "/api/auth/token/"


def post_token(client, username, password):
    return client.post(
        URL, {"username": username, "password": password}, content_type="application/json"
    )


def test_url_name_is_fixed():
    assert reverse("api:token") == URL


def test_good_credentials_return_a_token_that_authenticates(client, world):
    response = post_token(client, "inspector1", TEST_PASSWORD)
    assert response.status_code == 200
    key = response.json()["token"]
    assert Token.objects.get(key=key).user == world.users["inspector1"]
    assert AuditEvent.objects.filter(action="auth.token", actor=world.users["inspector1"]).exists()

    listed = client.get("/api/units/", HTTP_AUTHORIZATION=f"Token {key}")
    assert listed.status_code == 200
    assert [row["id"] for row in listed.json()["results"]] == [world.unit1.pk]


def test_bad_credentials_are_refused_and_audited(client, world):
    response = post_token(client, "inspector1", "wrong-password")
    assert response.status_code == 400
    assert response.json()["non_field_errors"] == ["用户名或密码错误。"]
    assert not Token.objects.exists()
    failed = AuditEvent.objects.filter(action="auth.login_failed", actor_name="inspector1")
    assert failed.count() == 1


def test_missing_fields_are_named_in_chinese(client, world):
    response = client.post(URL, {}, content_type="application/json")
    assert response.status_code == 400
    assert set(response.json()) == {"username", "password"}
    assert "必填" in response.json()["username"][0]


def test_lockout_refuses_even_the_right_password(client, world):
    statuses = [post_token(client, "inspector1", "wrong-password").status_code for _ in range(5)]
    assert statuses == [400, 400, 400, 400, 429]
    response = post_token(client, "inspector1", TEST_PASSWORD)
    assert response.status_code == 429
    assert "锁定" in response.json()["detail"]
    assert not Token.objects.exists()


def test_a_success_resets_the_failure_count(client, world):
    for _ in range(4):
        post_token(client, "inspector1", "wrong-password")
    assert post_token(client, "inspector1", TEST_PASSWORD).status_code == 200
    for _ in range(4):
        post_token(client, "inspector1", "wrong-password")
    assert post_token(client, "inspector1", TEST_PASSWORD).status_code == 200


def test_user_who_must_change_password_gets_no_token(client, world):
    UserFactory(username="fresh", must_change_password=True, jurisdiction=world.county)
    response = post_token(client, "fresh", TEST_PASSWORD)
    assert response.status_code == 403
    assert "修改初始密码" in response.json()["detail"]
    assert not Token.objects.exists()


def test_demo_user_is_not_forced_to_change_password(client, world):
    UserFactory(username="demo", must_change_password=True, is_demo=True, jurisdiction=world.county)
    assert post_token(client, "demo", TEST_PASSWORD).status_code == 200


def test_inactive_user_gets_no_token(client, world):
    UserFactory(username="gone", is_active=False, jurisdiction=world.county)
    assert post_token(client, "gone", TEST_PASSWORD).status_code == 400
    assert not Token.objects.exists()


def test_token_stops_working_once_a_password_change_is_required(client, world):
    user = world.users["bureau"]
    key = Token.objects.create(user=user).key
    user.must_change_password = True
    user.save(update_fields=["must_change_password"])
    response = client.get("/api/units/", HTTP_AUTHORIZATION=f"Token {key}")
    assert response.status_code == 403
    assert "修改初始密码" in response.json()["detail"]
