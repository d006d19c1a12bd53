"""The audit administrator's read-only log and the account list: who may open them, that the
filters narrow the rows, and that the number of queries does not grow with the rows."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from radsafe.core.audit import audit_record
from radsafe.core.context import RequestContext, current_request
from radsafe.core.models import AuditEvent
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

ROLES = [
    "bureau",
    "inspector1",
    "inspector2",
    "unit1",
    "unit2",
    "city",
    "sysadmin",
    "secadmin",
    "auditor",
]


def record(action: str, *, actor_name="alice", ip=None, request_id="", **kwargs):
    token = current_request.set(RequestContext(request_id=request_id, ip=ip))
    try:
        return audit_record(actor=None, actor_name=actor_name, action=action, **kwargs)
    finally:
        current_request.reset(token)


def listed_ids(response) -> set[int]:
    return {event.id for event in response.context["events"]}


# --- who may open what --------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_audit_list_is_for_the_audit_administrator_only(client_as, role):
    response = client_as(role).get(reverse("audit-list"))
    assert response.status_code == (200 if role == "auditor" else 403)


@pytest.mark.parametrize("role", ROLES)
def test_account_list_is_for_system_and_security_administrators(client_as, role):
    response = client_as(role).get(reverse("account-list"))
    assert response.status_code == (200 if role in {"sysadmin", "secadmin"} else 403)


@pytest.mark.parametrize("name", ["audit-list", "account-list"])
def test_anonymous_visitors_are_sent_to_login(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


# --- audit list ---------------------------------------------------------------------------------


@pytest.fixture
def sample(world):
    return {
        "login": record("auth.login", actor_name="bob", ip="10.0.0.7", request_id="rq-1"),
        "failed": record("auth.login_failed", actor_name="mallory", ip="10.0.0.8"),
        "unit": record(
            "unit.update",
            actor_name="bob",
            obj=world.unit1,
            before={"name": "旧名称", "address": "永济"},
            after={"name": "新名称", "address": "永济"},
        ),
    }


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"action": "auth."}, {"login", "failed"}),
        ({"action": "auth.login_failed"}, {"failed"}),
        ({"actor": "BO"}, {"login", "unit"}),
        ({"object_type": "registry."}, {"unit"}),
        ({"ip": "10.0.0.8"}, {"failed"}),
        ({"request_id": "rq-1"}, {"login"}),
        ({"action": "auth.", "actor": "bob"}, {"login"}),
    ],
)
def test_audit_filters_narrow_the_list(client_as, sample, query, expected):
    response = client_as("auditor").get(reverse("audit-list"), query)
    assert response.status_code == 200
    # Logging the auditor in wrote an auth.login event of its own; judge the sample rows only.
    sample_ids = {event.id for event in sample.values()}
    assert listed_ids(response) & sample_ids == {sample[key].id for key in expected}


def test_audit_date_filter_is_inclusive_of_the_chosen_day(client_as, sample):
    client = client_as("auditor")
    today = timezone.localdate()
    tomorrow = today + datetime.timedelta(days=1)
    yesterday = today - datetime.timedelta(days=1)
    all_ids = {event.id for event in sample.values()}
    assert all_ids <= listed_ids(client.get(reverse("audit-list"), {"date_from": today}))
    assert all_ids <= listed_ids(client.get(reverse("audit-list"), {"date_to": today}))
    assert not listed_ids(client.get(reverse("audit-list"), {"date_from": tomorrow}))
    assert not listed_ids(client.get(reverse("audit-list"), {"date_to": yesterday}))


def test_an_invalid_filter_shows_an_error_and_no_rows(client_as, sample):
    response = client_as("auditor").get(reverse("audit-list"), {"ip": "not-an-address"})
    assert response.status_code == 200
    assert not listed_ids(response)
    assert response.context["filter"].errors["ip"]


def test_before_and_after_are_shown_field_by_field(client_as, sample):
    html = client_as("auditor").get(reverse("audit-list"), {"action": "unit."}).content.decode()
    assert '<del class="text-danger">旧名称</del> → <ins class="text-success">新名称</ins>' in html
    assert '<td class="text-break">永济</td>' in html


def test_audit_list_is_read_only(client_as, sample):
    client = client_as("auditor")
    assert client.post(reverse("audit-list")).status_code == 405
    html = client.get(reverse("audit-list")).content.decode()
    assert 'method="post"' not in html.split("<main", 1)[1].split("</main>")[0]


def test_audit_list_pages_by_50(client_as, world):
    for n in range(51):
        record("test.page", after={"n": n})
    client = client_as("auditor")
    first = client.get(reverse("audit-list"), {"action": "test."})
    assert len(first.context["events"]) == 50
    assert first.context["page_obj"].has_next()
    second = client.get(reverse("audit-list"), {"action": "test.", "page": 2})
    assert len(second.context["events"]) == 1
    assert "action=test." in second.content.decode()


def _audit_list_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("audit-list")).status_code == 200
    return len(queries)


def test_audit_list_query_count_does_not_grow_with_rows(client_as, django_assert_max_num_queries):
    client = client_as("auditor")
    for n in range(10):
        record("test.budget", after={"n": n})
    with django_assert_max_num_queries(6):
        small = _audit_list_queries(client)
    for n in range(190):
        record("test.budget", after={"n": n}, before={"n": n - 1})
    assert _audit_list_queries(client) == small


# --- account list -------------------------------------------------------------------------------


def test_account_list_shows_flags(client_as, world):
    UserFactory(username="demo1", is_demo=True, role="bureau_lead", jurisdiction=world.county)
    UserFactory(username="fresh1", must_change_password=True, role="auditor")
    response = client_as("sysadmin").get(reverse("account-list"), {"q": "1"})
    rows = {account.username: account for account in response.context["accounts"]}
    assert {"demo1", "fresh1", "unit1", "inspector1"} <= rows.keys()
    assert "bureau" not in rows
    html = response.content.decode()
    assert "演示" in html and "待修改" in html
    assert world.unit1.name in html  # the unit officer's scope


def test_account_list_filters_by_role(client_as, world):
    response = client_as("secadmin").get(reverse("account-list"), {"role": "inspector"})
    assert {a.username for a in response.context["accounts"]} == {"inspector1", "inspector2"}


def test_account_list_filters_by_active_flag(client_as, world):
    UserFactory(username="gone", role="auditor", is_active=False)
    client = client_as("secadmin")
    inactive = client.get(reverse("account-list"), {"is_active": "false"})
    assert [a.username for a in inactive.context["accounts"]] == ["gone"]
    active = client.get(reverse("account-list"), {"is_active": "true"})
    assert "gone" not in {a.username for a in active.context["accounts"]}


def test_account_list_query_count_does_not_grow_with_rows(
    client_as, world, django_assert_max_num_queries
):
    client = client_as("secadmin")

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("account-list")).status_code == 200
        return len(queries)

    with django_assert_max_num_queries(8):
        small = count()
    for n in range(30):
        UserFactory(username=f"extra{n}", role="unit_officer", unit=world.unit2)
    assert count() == small


def test_unlock_of_an_unknown_account_is_404(client_as):
    response = client_as("secadmin").post(reverse("account-unlock", args=[999999]))
    assert response.status_code == 404
    assert not AuditEvent.objects.filter(action="account.unlock").exists()
