"""The account pages of the security administrator: buttons only with `account.change`, the
create form with its Chinese errors, the temporary password shown once and never cached, the
reset confirmation, and what a disabled or reset account meets at the login page and the API.
Who may open each URL is in the permission matrix (tests/matrix/core.py)."""

import pytest
from django.urls import reverse

from radsafe.core.choices import Role
from radsafe.core.models import AuditEvent, User
from tests.factories import TEST_PASSWORD

pytestmark = pytest.mark.django_db

TOKEN_URL = "/api/auth/token/"


def login(client, username: str, password: str):
    return client.post(reverse("login"), {"username": username, "password": password})


def api_token(client, username: str, password: str):
    return client.post(
        TOKEN_URL, {"username": username, "password": password}, content_type="application/json"
    )


@pytest.mark.parametrize(("role", "shown"), [("secadmin", True), ("sysadmin", False)])
def test_the_list_shows_the_buttons_only_with_the_capability(client_as, world, role, shown):
    html = client_as(role).get(reverse("account-list")).content.decode()
    target = world.users["unit2"].pk
    for url in (
        reverse("account-create"),
        reverse("account-disable", args=[target]),
        reverse("account-reset-password", args=[target]),
    ):
        assert (url in html) == shown, url


def test_the_list_offers_no_self_disable_and_enable_for_a_disabled_account(client_as, world):
    secadmin, unit2 = world.users["secadmin"], world.users["unit2"]
    unit2.is_active = False
    unit2.save(update_fields=["is_active"])
    html = client_as("secadmin").get(reverse("account-list")).content.decode()
    assert reverse("account-disable", args=[secadmin.pk]) not in html
    assert reverse("account-enable", args=[unit2.pk]) in html
    assert reverse("account-disable", args=[unit2.pk]) not in html


def test_create_shows_the_temporary_password_once_and_forces_a_change(client_as, world):
    data = {
        "username": "newinspector",
        "full_name": "赵六",
        "role": Role.INSPECTOR,
        "jurisdiction": world.squad2.pk,
    }
    response = client_as("secadmin").post(reverse("account-create"), data)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    password = response.context["password"]
    assert password in response.content.decode()
    user = User.objects.get(username="newinspector")
    assert user.check_password(password) and user.must_change_password
    assert user.jurisdiction == world.squad2
    assert AuditEvent.objects.filter(action="account.create", object_id=str(user.pk)).exists()
    # Nothing of it is kept where a later page could show it again.
    listed = client_as("secadmin").get(reverse("account-list")).content.decode()
    assert password not in listed


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"role": "superuser"}, "role", "选择一个有效的选项"),
        ({"role": Role.UNIT_OFFICER}, "unit", "单位用户必须指定所属单位。"),
        ({"unit": "unit1"}, "unit", "该角色的数据范围是辖区，不绑定单位。"),
        ({"jurisdiction": "squad1"}, "jurisdiction", "分局管理的辖区必须是：县（分局）。"),
        ({"username": "x" * 151}, "username", "150"),
        ({"username": "bureau"}, "username", "用户名“bureau”已被使用，请换一个。"),
    ],
)
def test_bad_input_gives_a_chinese_form_error_and_writes_nothing(
    client_as, world, data, field, message
):
    base = {
        "username": "newlead",
        "full_name": "李新",
        "role": Role.BUREAU_LEAD,
        "jurisdiction": world.county.pk,
    }
    for name in ("jurisdiction", "unit"):
        if isinstance(data.get(name), str):
            data = {**data, name: getattr(world, data[name]).pk}
    if data.get("role") == Role.UNIT_OFFICER:
        base.pop("jurisdiction")
    count = User.objects.count()
    response = client_as("secadmin").post(reverse("account-create"), {**base, **data})
    assert response.status_code == 200
    errors = " ".join(response.context["form"].errors.get(field, []))
    assert message in errors
    assert User.objects.count() == count
    assert not AuditEvent.objects.filter(action="account.create").exists()


def test_the_pickers_search_jurisdictions_and_units(client_as, world):
    client = client_as("secadmin")
    found = client.get(reverse("account-jurisdiction-autocomplete"), {"q": "中队"}).json()
    assert {row["id"] for row in found["results"]} == {world.squad1.pk, world.squad2.pk}
    found = client.get(reverse("account-unit-autocomplete"), {"q": "盐湖"}).json()
    assert [row["id"] for row in found["results"]] == [world.foreign_unit.pk]


def test_the_create_form_renders_the_pickers(client_as):
    html = client_as("secadmin").get(reverse("account-create")).content.decode()
    assert reverse("account-jurisdiction-autocomplete") in html
    assert reverse("account-unit-autocomplete") in html


def test_changes_are_post_only(client_as, world):
    client = client_as("secadmin")
    target = world.users["unit2"].pk
    for name in ("account-disable", "account-enable"):
        assert client.get(reverse(name, args=[target])).status_code == 405
    confirm = client.get(reverse("account-reset-password", args=[target]))
    assert confirm.status_code == 200 and "unit2" in confirm.content.decode()
    assert User.objects.get(pk=target).check_password(TEST_PASSWORD)


def test_a_self_disable_is_refused_with_a_message(client_as, world):
    secadmin = world.users["secadmin"]
    response = client_as("secadmin").post(
        reverse("account-disable", args=[secadmin.pk]), follow=True
    )
    assert "不能停用自己的账号。" in response.content.decode()
    secadmin.refresh_from_db()
    assert secadmin.is_active


def test_a_disabled_user_is_logged_out_and_cannot_log_in_or_use_the_api(client, world):
    from django.test import Client

    key = api_token(client, "unit2", TEST_PASSWORD).json()["token"]
    assert client.get("/api/units/", HTTP_AUTHORIZATION=f"Token {key}").status_code == 200
    victim = Client()
    assert login(victim, "unit2", TEST_PASSWORD).status_code == 302
    assert victim.get(reverse("home")).status_code == 200

    admin = Client()
    admin.force_login(world.users["secadmin"])
    response = admin.post(reverse("account-disable", args=[world.users["unit2"].pk]))
    assert response.status_code == 302

    assert victim.get(reverse("home"))["Location"].startswith(reverse("login"))
    assert client.get("/api/units/", HTTP_AUTHORIZATION=f"Token {key}").status_code in (401, 403)
    refused = login(Client(), "unit2", TEST_PASSWORD)
    assert refused.status_code == 200 and not refused.wsgi_request.user.is_authenticated
    assert api_token(Client(), "unit2", TEST_PASSWORD).status_code == 400

    admin.post(reverse("account-enable", args=[world.users["unit2"].pk]))
    assert login(Client(), "unit2", TEST_PASSWORD).status_code == 302


def test_a_reset_user_must_change_the_password_at_the_next_login(client, world):
    admin = client
    admin.force_login(world.users["secadmin"])
    response = admin.post(reverse("account-reset-password", args=[world.users["unit1"].pk]))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    password = response.context["password"]
    assert password in response.content.decode()
    admin.logout()

    from django.test import Client

    holder = Client()
    assert login(holder, "unit1", TEST_PASSWORD).status_code == 200  # the old one is gone
    assert login(holder, "unit1", password).status_code == 302
    assert holder.get(reverse("home"))["Location"] == reverse("password_change")
    assert api_token(Client(), "unit1", password).status_code == 403
