"""A sealed source's register steps (inventory/workflows.py), generated from the table: for every
status (checked out or not, where a source can be out in it) and every role, each step — 出库,
归还入库, 转让 and a change to every status — is tried through its service: exactly the allowed
ones succeed; the others are refused in Chinese, or with an audited PermissionDenied when the role
may not take the step at all. The pages agree: the source page shows a button exactly when its
step is allowed, a step's own page says why it is refused in the service's words, and the status
form offers exactly the allowed targets. The incident's and the ray device's tables are walked
the same way. Then the defect that started it: a 废旧待送贮 source."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from radsafe.core import workflows as table
from radsafe.core.permissions import has_capability
from radsafe.inventory import workflows
from radsafe.inventory.choices import (
    GONE_STATUSES,
    INCIDENT_STATUSES,
    DeviceStatus,
    IncidentStatus,
    MovementKind,
    SourceStatus,
)
from radsafe.inventory.models import Incident, Movement, RayDevice, Source
from radsafe.inventory.services.assets import device_update
from radsafe.inventory.services.register import incidents, transfers
from radsafe.inventory.services.register import movements as register
from tests.factories import LicenceFactory, RayDeviceFactory, SourceFactory, StorageSiteFactory
from tests.personnel.factories import make_qualified_worker
from tests.workflow_checks import CHINESE, ROLE_USERS, attempt, expect

pytestmark = pytest.mark.django_db

S = SourceStatus
T = workflows.TRANSITIONS
ACTIONS = (workflows.CHECK_OUT, workflows.RETURN, workflows.TRANSFER)
TARGETS = tuple(S.values)
# A source is out only while in service, or when it was lost, stolen or lost control while out.
STATES = [(status, False) for status in S.values] + [
    (status, True) for status in S.values if (status, workflows.RETURN) in T
]


def ago(**delta) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(**delta)


def _roles_of_action(step: str) -> frozenset[str]:
    """Who may take some step of the action `step` belongs to (from any status)."""
    steps = TARGETS if step in TARGETS else (step,)
    return frozenset().union(*(table.roles(T, *key) for key in T if key[1] in steps))


def _guard(out: bool, step: str) -> bool:
    """The conditions beside the status: a source out can only come back, or go missing."""
    if step == workflows.RETURN:
        return out
    if step in TARGETS:
        return not out or step in INCIDENT_STATUSES
    return not out


def _source_in(world, status: str, out: bool) -> Source:
    site = StorageSiteFactory(unit=world.unit1)
    source = SourceFactory(
        unit=world.unit1,
        site=None if status in GONE_STATUSES else site,
        status=status,
        is_checked_out=out,
    )
    common = {"unit": world.unit1, "source": source, "person": "张三", "site": site}
    Movement.objects.create(
        **common, kind=MovementKind.ARRIVAL, occurred_at=ago(days=3), to_status=S.STORED
    )
    if out:
        Movement.objects.create(**common, kind=MovementKind.CHECK_OUT, occurred_at=ago(days=2))
    return source


def _calls(world, user, source):
    """step → (the service call, what must hold after it succeeded)."""

    def fresh():
        return Source.objects.get(pk=source.pk)

    common = {"actor": user, "occurred_at": ago(hours=1), "person": "张三"}
    calls = {
        workflows.CHECK_OUT: (
            lambda: register.source_check_out(**common, source=fresh(), destination="工地"),
            lambda: fresh().is_checked_out,
        ),
        workflows.RETURN: (
            lambda: register.source_return(**common, source=fresh()),
            lambda: not fresh().is_checked_out,
        ),
        workflows.TRANSFER: (
            lambda: transfers.transfer_create(
                actor=user,
                source=fresh(),
                to_unit=world.unit2,
                approval_number="晋环辐转〔2025〕1号",
                transferred_on=timezone.localdate(),
            ),
            lambda: fresh().unit_id == world.unit2.pk,
        ),
    }
    for target in TARGETS:
        calls[target] = (
            lambda target=target: register.source_change_status(
                **common, source=fresh(), to_status=target, place="库房"
            ),
            lambda target=target: fresh().status == target,
        )
    return calls


@pytest.mark.parametrize("role", ROLE_USERS)
@pytest.mark.parametrize(
    ("status", "out"), STATES, ids=[f"{s}{'-out' if o else ''}" for s, o in STATES]
)
def test_every_register_step_for_every_role(world, client, status, out, role):
    LicenceFactory(
        unit=world.unit2,
        source_categories="12345",
        issued_on=datetime.date(2000, 1, 1),
        expires_on=datetime.date(2099, 1, 1),
    )
    user = world.users[role]
    source = _source_in(world, status, out)
    allowed: dict[str, bool] = {}
    refusals: dict[str, list[str]] = {}
    problems: list[str] = []
    for step, (call, check) in _calls(world, user, source).items():
        in_table = (status, step) in T
        permitted = user.role in (
            table.roles(T, status, step) if in_table else _roles_of_action(step)
        )
        possible = in_table and _guard(out, step)

        def checked(check=check):
            assert check()

        outcome = attempt(call, checked)
        problems += expect(outcome, permitted=permitted, possible=possible, context=step)
        allowed[step] = permitted and possible
        refusals[step] = outcome.messages
    assert not problems, problems
    targets = [t for t in TARGETS if allowed[t]]

    # The source page: each button exactly when its step is allowed to this user.
    client.force_login(user)
    detail = client.get(reverse("inventory:source-detail", args=[source.pk]))
    html = detail.content.decode() if detail.status_code == 200 else ""
    links = {
        workflows.CHECK_OUT: reverse("inventory:source-checkout", args=[source.pk]),
        workflows.RETURN: reverse("inventory:source-return", args=[source.pk]),
        workflows.TRANSFER: f"{reverse('inventory:transfer-create')}?source={source.pk}",
    }
    for step, link in links.items():
        assert (link in html) == allowed[step], f"{step} button shown={link in html}"
    status_url = reverse("inventory:source-status", args=[source.pk])
    assert (status_url in html) == bool(targets), f"变更状态 shown={status_url in html}"
    if not has_capability(user, "movement.record"):
        return

    # Each step's page: its form when allowed, else the service's own words and no form.
    for step, form_id in (
        (workflows.CHECK_OUT, "checkout-form"),
        (workflows.RETURN, "return-form"),
    ):
        page = client.get(links[step]).content.decode()
        assert (f'id="{form_id}"' in page) == allowed[step]
        for message in refusals[step]:
            assert message in page
    page = client.get(status_url)
    offered = [value for value, _label in page.context["form"].fields["to_status"].choices]
    assert offered == targets
    html = page.content.decode()
    assert ('id="status-form"' in html) == bool(targets)
    if not targets:
        message = workflows.status_change_refusal(source).messages[0]
        assert CHINESE.search(message) and message in html


def _role_walk(transitions, state, step, user) -> tuple[bool, bool]:
    """(permitted, possible) of a step by `user`, read from a table whose steps are one action."""
    in_table = (state, step) in transitions
    anyone = frozenset().union(*(table.roles(transitions, *key) for key in transitions))
    permitted = user.role in (table.roles(transitions, state, step) if in_table else anyone)
    return permitted, in_table


@pytest.mark.parametrize("role", ROLE_USERS)
@pytest.mark.parametrize("status", IncidentStatus.values)
def test_closing_an_incident_for_every_role(world, client, status, role):
    user = world.users[role]
    source = _source_in(world, S.LOST, False)
    incident = Incident.objects.create(
        unit=world.unit1, source=source, kind="lost", grade=4, occurred_at=ago(days=1),
        place="库房", source_code=source.code, status=status,
    )  # fmt: skip
    permitted, possible = _role_walk(workflows.INCIDENT_TRANSITIONS, status, workflows.CLOSE, user)
    outcome = attempt(
        lambda: incidents.incident_close(
            actor=user, incident=Incident.objects.get(pk=incident.pk), closing_note="已找回"
        )
    )
    assert not expect(outcome, permitted=permitted, possible=possible, context=status), outcome
    client.force_login(user)
    page = client.get(reverse("inventory:incident-detail", args=[incident.pk]))
    shown = page.status_code == 200 and 'id="incident-close"' in page.content.decode()
    assert shown == (permitted and possible)


@pytest.mark.parametrize("role", ROLE_USERS)
@pytest.mark.parametrize("status", DeviceStatus.values)
def test_every_device_status_change_for_every_role(world, client, status, role):
    user = world.users[role]
    device = RayDeviceFactory(unit=world.unit1, status=status)
    allowed = [status]
    for target in DeviceStatus.values:
        if target == status:
            continue
        permitted, possible = _role_walk(workflows.DEVICE_TRANSITIONS, status, target, user)
        fresh = RayDevice.objects.get(pk=device.pk)
        outcome = attempt(
            lambda target=target, fresh=fresh: device_update(
                device=fresh, actor=user, expected_version=fresh.version, status=target
            )
        )
        problems = expect(outcome, permitted=permitted, possible=possible, context=target)
        assert not problems, problems
        if permitted and possible:
            allowed.append(target)
    if has_capability(user, "inventory.change"):
        client.force_login(user)
        page = client.get(reverse("inventory:device-edit", args=[device.pk]))
        offered = {value for value, _label in page.context["form"].fields["status"].choices}
        assert offered == set(allowed)


def test_the_table_keeps_the_registers_rules():
    assert table.steps(T, S.DISUSED) and (S.DISUSED, workflows.CHECK_OUT) not in T
    assert (S.DISUSED, S.SENT_FOR_STORAGE) in T and (S.DISUSED, workflows.TRANSFER) in T
    for gone in GONE_STATUSES:
        assert not table.steps(T, gone)  # the source has left the unit for good
    assert not any(step == S.TRANSFERRED for _origin, step in T)  # only through a transfer
    assert {T[key] for key in T if key[1] != workflows.TRANSFER} == {"movement.record"}
    assert table.roles(workflows.INCIDENT_TRANSITIONS, "open", "close") == frozenset(
        {"bureau_lead", "inspector"}
    )


def test_a_disused_source_offers_no_check_out_and_every_path_refuses_it_in_the_same_words(
    world, client_as
):
    """The defect: the page offered 出库 for a 废旧待送贮 source (it followed HELD_STATUSES) while
    the service refused it. Now one predicate decides the button, the page, the API and the
    service, and they all say the same."""
    source = _source_in(world, S.DISUSED, False)
    message = "状态为“废旧待送贮”的放射源不能出库。"
    client = client_as("unit1")
    detail = client.get(reverse("inventory:source-detail", args=[source.pk])).content.decode()
    assert 'id="source-checkout"' not in detail and ">出库</a>" not in detail
    assert 'id="source-status"' in detail and 'id="transfer-create"' in detail  # 送贮 and 转让
    page = client.get(reverse("inventory:source-checkout", args=[source.pk])).content.decode()
    assert message in page and 'id="checkout-form"' not in page
    response = client.post(
        "/api/movements/",
        {
            "kind": "check_out",
            "source": source.pk,
            "occurred_at": ago(hours=1).isoformat(),
            "worker": make_qualified_worker(world.unit1).pk,
        },
        content_type="application/json",
    )
    assert response.status_code == 400 and response.json() == {"non_field_errors": [message]}
    listed = client.get(f"/api/sources/{source.pk}/").json()
    assert listed["allowed_actions"]["check_out"] is False
    assert "sent_for_storage" in listed["status_targets"]
    assert Movement.objects.filter(kind=MovementKind.CHECK_OUT).count() == 0
