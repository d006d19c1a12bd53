"""The append-only audit log (issue point 7): the database refuses UPDATE and DELETE, the hash
chain exposes a row changed behind the application's back, and the security events are written
with who, from where and in which request."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction
from django.test import Client
from django.urls import reverse

from radsafe.core.audit import audit_record, audit_record_many
from radsafe.core.models import AuditEvent
from tests.factories import TEST_PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def events(db):
    return [
        audit_record(actor=None, actor_name="tester", action="test.event", after={"n": n})
        for n in range(3)
    ]


def drop_append_only_triggers() -> None:
    """DDL is transactional on SQLite and PostgreSQL: the test's transaction restores them."""
    statements = {
        "sqlite": [
            "DROP TRIGGER core_auditevent_no_update",
            "DROP TRIGGER core_auditevent_no_delete",
        ],
        "postgresql": ["DROP TRIGGER core_auditevent_append_only ON core_auditevent"],
    }[connection.vendor]
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def run_verify() -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("audit_verify", stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def run_verify_expecting_failure() -> tuple[str, str]:
    err = io.StringIO()
    with pytest.raises(CommandError) as caught:
        call_command("audit_verify", stdout=io.StringIO(), stderr=err)
    return str(caught.value), err.getvalue()


# --- the database refuses changes -------------------------------------------------------------


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE core_auditevent SET action = 'forged' WHERE id = %s",
        "DELETE FROM core_auditevent WHERE id = %s",
    ],
    ids=["update", "delete"],
)
def test_database_refuses_update_and_delete(events, sql):
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, [events[1].id])
    assert AuditEvent.objects.get(pk=events[1].pk).action == "test.event"


def test_orm_bulk_paths_are_refused_too(events):
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(pk=events[0].pk).update(actor_name="someone else")
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.all().delete()
    assert AuditEvent.objects.filter(action="test.event").count() == 3


# --- the hash chain -----------------------------------------------------------------------------


def test_audit_verify_passes_on_an_intact_chain(events):
    out, err = run_verify()
    assert f"审计链完整：{AuditEvent.objects.count()} 条记录" in out
    assert f"末条记录 #{events[-1].id}，哈希 {events[-1].hash}" in out
    assert err == ""


def test_the_bulk_path_writes_one_chained_event_per_object(events, world):
    units = [world.unit1, world.unit2]
    written = audit_record_many(
        actor=world.users["bureau"],
        action="unit.bulk",
        objects=units,
        after=lambda unit: {"name": unit.name},
    )
    stored = list(AuditEvent.objects.filter(action="unit.bulk").order_by("id"))
    assert [event.pk for event in stored] == [event.pk for event in written]
    assert [event.object_id for event in stored] == [str(unit.pk) for unit in units]
    assert [event.after for event in stored] == [{"name": unit.name} for unit in units]
    assert stored[0].prev_hash == events[-1].hash
    assert stored[1].prev_hash == stored[0].hash
    out, _err = run_verify()
    assert "审计链完整" in out
    assert audit_record_many(actor=None, action="unit.bulk", objects=[], after=dict) == []


def test_audit_verify_detects_a_row_altered_behind_the_applications_back(events):
    drop_append_only_triggers()
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE core_auditevent SET actor_name = 'mallory' WHERE id = %s", [events[1].id]
        )
    message, err = run_verify_expecting_failure()
    assert f"#{events[1].id}" in message
    assert f"审计记录 #{events[1].id}" in err
    assert "内容与其哈希不符" in err
    assert f"#{events[2].id}" not in message  # its link to the (unchanged) hash still holds


def test_audit_verify_detects_a_deleted_middle_row(events):
    drop_append_only_triggers()
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM core_auditevent WHERE id = %s", [events[1].id])
    message, err = run_verify_expecting_failure()
    assert f"#{events[2].id}" in message
    assert "不衔接" in err


def test_audit_verify_exits_non_zero_from_the_command_line(events):
    """Django turns a CommandError into the process exit status `returncode` (1) when the command
    runs as `python -m radsafe audit_verify`."""
    drop_append_only_triggers()
    with connection.cursor() as cursor:
        cursor.execute("UPDATE core_auditevent SET after = NULL WHERE id = %s", [events[0].id])
    with pytest.raises(CommandError) as caught:
        call_command("audit_verify", stdout=io.StringIO(), stderr=io.StringIO())
    assert caught.value.returncode == 1


# --- security events ----------------------------------------------------------------------------


def test_login_is_recorded_with_ip_and_request_id(world):
    Client().post(
        reverse("login"),
        {"username": "unit1", "password": TEST_PASSWORD},
        REMOTE_ADDR="10.1.1.1",
        HTTP_X_REQUEST_ID="req-login-1",
    )
    event = AuditEvent.objects.get(action="auth.login")
    assert event.actor == world.users["unit1"]
    assert event.actor_name == "unit1"
    assert (event.ip, event.request_id) == ("10.1.1.1", "req-login-1")


def test_failed_login_is_recorded_with_the_attempted_username(world):
    Client().post(
        reverse("login"),
        {"username": "unit1", "password": "wrong-Passw0rd"},
        REMOTE_ADDR="10.1.1.2",
        HTTP_X_REQUEST_ID="req-fail-1",
    )
    event = AuditEvent.objects.get(action="auth.login_failed")
    assert event.actor is None
    assert event.actor_name == "unit1"
    assert (event.ip, event.request_id) == ("10.1.1.2", "req-fail-1")


def test_logout_is_recorded(client_as, world):
    client = client_as("bureau")
    client.post(reverse("logout"), REMOTE_ADDR="10.1.1.3", HTTP_X_REQUEST_ID="req-logout-1")
    event = AuditEvent.objects.get(action="auth.logout")
    assert event.actor == world.users["bureau"]
    assert (event.ip, event.request_id) == ("10.1.1.3", "req-logout-1")


def test_permission_denial_is_recorded(client_as, world):
    response = client_as("unit1").get(
        reverse("audit-list"), REMOTE_ADDR="10.1.1.4", HTTP_X_REQUEST_ID="req-deny-1"
    )
    assert response.status_code == 403
    event = AuditEvent.objects.get(action="permission.denied")
    assert event.actor == world.users["unit1"]
    assert event.object_repr == reverse("audit-list")
    assert (event.ip, event.request_id) == ("10.1.1.4", "req-deny-1")


def test_a_request_id_that_is_not_an_id_is_replaced(client_as):
    client = client_as("unit1")
    response = client.get(reverse("audit-list"), HTTP_X_REQUEST_ID="<script>alert(1)</script>")
    event = AuditEvent.objects.get(action="permission.denied")
    assert event.request_id == response["X-Request-ID"]
    assert len(event.request_id) == 36
    assert "<" not in event.request_id


def test_ipv6_clients_keep_the_chain_intact(world):
    Client().post(
        reverse("login"),
        {"username": "unit1", "password": "wrong-Passw0rd"},
        REMOTE_ADDR="2001:DB8:0:0:0:0:0:1",
    )
    assert AuditEvent.objects.get(action="auth.login_failed").ip == "2001:db8::1"
    run_verify()


def test_security_events_keep_the_chain_intact(client_as):
    client = client_as("unit1")
    client.get(reverse("audit-list"))
    client.post(reverse("logout"))
    Client().post(reverse("login"), {"username": "unit1", "password": "nope"})
    assert AuditEvent.objects.count() >= 4
    out, _ = run_verify()
    assert "审计链完整" in out
