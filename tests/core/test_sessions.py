"""Idle timeout and absolute session life (issue point 6), enforced by SessionLifetimeMiddleware
from timestamps in the server-side session; the tests move those timestamps back."""

import time

import pytest
from django.conf import settings
from django.urls import reverse

from radsafe.core.middleware import SESSION_LAST_SEEN, SESSION_STARTED
from radsafe.core.models import AuditEvent

pytestmark = pytest.mark.django_db

MINUTE = 60
HOUR = 3600


def set_session_clock(client, *, started_ago: float, last_seen_ago: float) -> None:
    session = client.session
    now = time.time()
    session[SESSION_STARTED] = now - started_ago
    session[SESSION_LAST_SEEN] = now - last_seen_ago
    session.save()


def assert_logged_out_to_login(client, response) -> None:
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert "_auth_user_id" not in client.session


def test_settings_idle_30_minutes_absolute_12_hours():
    assert settings.RADSAFE_SESSION_IDLE_SECONDS == 1800
    assert settings.RADSAFE_SESSION_ABSOLUTE_SECONDS == 43200
    assert settings.SESSION_COOKIE_AGE == 1800
    assert "radsafe.core.middleware.SessionLifetimeMiddleware" in settings.MIDDLEWARE


def test_login_starts_the_session_clock(client_as):
    client = client_as("bureau")
    assert time.time() - client.session[SESSION_STARTED] < MINUTE


def test_idle_31_minutes_logs_out(client_as, world):
    client = client_as("bureau")
    set_session_clock(client, started_ago=31 * MINUTE, last_seen_ago=31 * MINUTE)
    response = client.get(reverse("home"), {"tab": "1"})
    assert_logged_out_to_login(client, response)
    assert response["Location"].endswith("?next=/%3Ftab%3D1")
    event = AuditEvent.objects.get(action="auth.session_expired")
    assert event.actor == world.users["bureau"]
    assert event.after == {"reason": "idle"}
    # The notice survives the redirect (it is stored before MessageMiddleware has run).
    assert "会话已超时" in client.get(response["Location"]).content.decode()


def test_idle_29_minutes_keeps_the_session(client_as):
    client = client_as("bureau")
    set_session_clock(client, started_ago=29 * MINUTE, last_seen_ago=29 * MINUTE)
    assert client.get(reverse("home")).status_code == 200
    assert "_auth_user_id" in client.session
    assert time.time() - client.session[SESSION_LAST_SEEN] < MINUTE


def test_activity_resets_the_idle_clock(client_as):
    client = client_as("bureau")
    set_session_clock(client, started_ago=50 * MINUTE, last_seen_ago=20 * MINUTE)
    assert client.get(reverse("home")).status_code == 200
    session = client.session
    session[SESSION_LAST_SEEN] -= 20 * MINUTE  # 20 minutes after the last request
    session.save()
    assert client.get(reverse("home")).status_code == 200


def test_absolute_life_ends_the_session_despite_recent_activity(client_as, world):
    client = client_as("bureau")
    set_session_clock(client, started_ago=12 * HOUR + MINUTE, last_seen_ago=MINUTE)
    assert_logged_out_to_login(client, client.get(reverse("home")))
    event = AuditEvent.objects.get(action="auth.session_expired")
    assert event.after == {"reason": "absolute"}


def test_just_under_absolute_life_keeps_the_session(client_as):
    client = client_as("bureau")
    set_session_clock(client, started_ago=12 * HOUR - MINUTE, last_seen_ago=MINUTE)
    assert client.get(reverse("home")).status_code == 200


def test_htmx_request_is_sent_to_login_by_header(client_as):
    client = client_as("bureau")
    set_session_clock(client, started_ago=31 * MINUTE, last_seen_ago=31 * MINUTE)
    response = client.get(reverse("home"), HTTP_HX_REQUEST="true")
    assert response.status_code == 204
    assert response["HX-Redirect"].startswith(reverse("login"))
