"""Lockout after repeated failures (issue point 6), driven through the real login page and the
real django-axes handler; time travel moves the stored attempt times, nothing is mocked."""

import datetime

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from radsafe.core.models import AuditEvent
from tests.factories import TEST_PASSWORD

pytestmark = pytest.mark.django_db

IP = "10.0.0.1"


def attempt(username: str, password: str, ip: str = IP):
    """A fresh browser each time, so a successful login does not disturb the next attempt."""
    return Client().post(
        reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=ip
    )


def logged_in(response) -> bool:
    return response.status_code == 302 and response["Location"] == reverse("home")


def fail_five_times(username: str, ip: str = IP) -> list:
    return [attempt(username, "wrong-Passw0rd", ip) for _ in range(5)]


def move_attempts_back(username: str, minutes: int) -> None:
    AccessAttempt.objects.filter(username=username).update(
        attempt_time=timezone.now() - datetime.timedelta(minutes=minutes)
    )


def test_settings_lock_username_and_ip_for_30_minutes_after_5_failures():
    assert settings.AXES_FAILURE_LIMIT == 5
    assert datetime.timedelta(minutes=30) == settings.AXES_COOLOFF_TIME
    assert settings.AXES_LOCKOUT_PARAMETERS == [["username", "ip_address"]]
    assert settings.AXES_LOCKOUT_TEMPLATE == "registration/locked_out.html"


def test_four_failures_do_not_lock(world):
    for _ in range(4):
        assert attempt("unit1", "wrong-Passw0rd").status_code == 200
    assert logged_in(attempt("unit1", TEST_PASSWORD))


def test_fifth_failure_locks_and_the_correct_password_is_then_refused(world):
    responses = fail_five_times("unit1")
    assert [r.status_code for r in responses[:4]] == [200] * 4
    assert responses[4].status_code == 429

    sixth = attempt("unit1", TEST_PASSWORD)
    assert sixth.status_code == 429
    html = sixth.content.decode()
    assert "账号已锁定" in html
    assert "30 分钟后再试" in html
    assert AuditEvent.objects.filter(action="auth.locked_out", actor_name="unit1").exists()


def test_lockout_is_per_username_and_ip(world):
    fail_five_times("unit1")
    assert attempt("unit1", TEST_PASSWORD).status_code == 429
    assert logged_in(attempt("unit1", TEST_PASSWORD, ip="10.0.0.2"))
    assert logged_in(attempt("unit2", TEST_PASSWORD))


def test_lockout_lifts_after_the_cool_off_time(world):
    fail_five_times("unit1")
    move_attempts_back("unit1", minutes=29)
    assert attempt("unit1", TEST_PASSWORD).status_code == 429

    move_attempts_back("unit1", minutes=31)
    assert logged_in(attempt("unit1", TEST_PASSWORD))


def test_security_admin_unlocks_and_it_is_audited(world, client_as):
    fail_five_times("unit1")
    client = client_as("secadmin")
    page = client.get(reverse("account-list"))
    assert "已锁定" in page.content.decode()
    assert reverse("account-unlock", args=[world.users["unit1"].pk]) in page.content.decode()

    response = client.post(reverse("account-unlock", args=[world.users["unit1"].pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("account-list")
    assert not AccessAttempt.objects.filter(username="unit1").exists()
    event = AuditEvent.objects.get(action="account.unlock")
    assert event.actor == world.users["secadmin"]
    assert event.object_id == str(world.users["unit1"].pk)
    assert event.before == {"failed_logins": 5}
    assert logged_in(attempt("unit1", TEST_PASSWORD))


def test_unlock_is_post_only(world, client_as):
    url = reverse("account-unlock", args=[world.users["unit1"].pk])
    assert client_as("secadmin").get(url).status_code == 405


def test_system_admin_cannot_unlock(world, client_as):
    fail_five_times("unit1")
    response = client_as("sysadmin").post(reverse("account-unlock", args=[world.users["unit1"].pk]))
    assert response.status_code == 403
    assert AccessAttempt.objects.filter(username="unit1").exists()
    assert not AuditEvent.objects.filter(action="account.unlock").exists()
    assert attempt("unit1", TEST_PASSWORD).status_code == 429


def test_system_admin_sees_the_lock_but_no_unlock_button(world, client_as):
    fail_five_times("unit1")
    html = client_as("sysadmin").get(reverse("account-list")).content.decode()
    assert "已锁定" in html
    assert reverse("account-unlock", args=[world.users["unit1"].pk]) not in html
