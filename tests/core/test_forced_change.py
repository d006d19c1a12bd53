"""Forced password change at first login (issue point 6): every page and API path leads to the
change page until the user has chosen a password; demo accounts are exempt."""

import pytest
from django.conf import settings
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse

from radsafe.core.choices import Role
from radsafe.core.models import AuditEvent
from tests.factories import TEST_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

ALLOWED = {"password_change", "logout", "set_language"}
NEW_PASSWORD = "Eigenes-Passw0rt"


def every_url(resolver: URLResolver | None = None, prefix: str = "") -> dict[str, str]:
    """Each named URL, with 1 for each path argument (the middleware answers before the view)."""
    resolver = resolver or get_resolver()
    urls = {}
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            namespace = f"{prefix}{pattern.namespace}:" if pattern.namespace else prefix
            urls.update(every_url(pattern, namespace))
        elif isinstance(pattern, URLPattern) and pattern.name:
            name = f"{prefix}{pattern.name}"
            arguments = getattr(pattern.pattern, "converters", {})
            try:
                urls[name] = reverse(name, kwargs=dict.fromkeys(arguments, 1))
            except NoReverseMatch:
                continue
    return urls


@pytest.fixture
def newcomer(world):
    return UserFactory(
        username="newcomer",
        role=Role.BUREAU_LEAD,
        jurisdiction=world.county,
        must_change_password=True,
    )


def test_every_page_leads_to_the_password_change(client, newcomer):
    client.force_login(newcomer)
    urls = {name: url for name, url in every_url().items() if name not in ALLOWED}
    assert {"home", "account-list", "audit-list"} <= urls.keys()
    for name, url in urls.items():
        response = client.get(url)
        if url.startswith("/api/"):
            assert response.status_code == 403, name
            assert response.json()["detail"] == "请先修改初始密码。"
        else:
            assert response.status_code == 302, name
            assert response["Location"] == reverse("password_change"), name


def test_api_is_refused_until_the_change(client, newcomer):
    client.force_login(newcomer)
    response = client.get("/api/v1/units/")
    assert response.status_code == 403


def test_change_page_itself_is_reachable(client, newcomer):
    client.force_login(newcomer)
    response = client.get(reverse("password_change"))
    assert response.status_code == 200
    assert "须先设置自己的密码" in response.content.decode()


def test_after_the_change_pages_open_and_the_change_is_audited(client, newcomer):
    client.force_login(newcomer)
    response = client.post(
        reverse("password_change"),
        {
            "old_password": TEST_PASSWORD,
            "new_password1": NEW_PASSWORD,
            "new_password2": NEW_PASSWORD,
        },
    )
    assert response.status_code == 302
    assert client.get(reverse("home")).status_code == 200
    newcomer.refresh_from_db()
    assert newcomer.must_change_password is False
    assert newcomer.check_password(NEW_PASSWORD)
    event = AuditEvent.objects.get(action="user.password_change")
    assert event.actor == newcomer
    assert event.object_id == str(newcomer.pk)


def test_a_refused_new_password_keeps_the_user_on_the_change_page(client, newcomer):
    client.force_login(newcomer)
    response = client.post(
        reverse("password_change"),
        {"old_password": TEST_PASSWORD, "new_password1": "short", "new_password2": "short"},
    )
    assert response.status_code == 200
    newcomer.refresh_from_db()
    assert newcomer.must_change_password is True
    assert client.get(reverse("home"))["Location"] == reverse("password_change")


def test_demo_account_is_not_forced(client, world):
    demo = UserFactory(
        username="demo-bureau",
        role=Role.BUREAU_LEAD,
        jurisdiction=world.county,
        must_change_password=True,
        is_demo=True,
    )
    client.force_login(demo)
    response = client.get(reverse("home"))
    assert response.status_code == 200
    assert "演示账号" in response.content.decode()


def test_middleware_is_installed():
    assert "radsafe.core.middleware.PasswordChangeRequiredMiddleware" in settings.MIDDLEWARE
