"""The unit's operating status (registry/workflows.py), generated from its table: for every status
and every role, each target is tried through the service (exactly the allowed ones succeed, the
others are refused in Chinese or PermissionDenied with an audit event), and the pages agree — the
unit page shows 变更经营状态 exactly when some step is allowed, and the status form offers exactly
the allowed targets."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from radsafe.core import workflows as table
from radsafe.core.permissions import has_capability
from radsafe.registry import services, workflows
from radsafe.registry.choices import UnitStatus
from radsafe.registry.models import Unit
from tests.workflow_checks import ROLE_USERS, attempt, expect

pytestmark = pytest.mark.django_db

S = UnitStatus
ANY_STEP = frozenset().union(
    *(table.roles(workflows.TRANSITIONS, *step) for step in workflows.TRANSITIONS)
)


def _unit_in(world, status) -> Unit:
    Unit.objects.filter(pk=world.unit1.pk).update(status=status)
    return Unit.objects.get(pk=world.unit1.pk)


@pytest.mark.parametrize("role", ROLE_USERS)
@pytest.mark.parametrize("status", S.values)
def test_every_status_change_for_every_role(world, client, status, role):
    user = world.users[role]
    unit = _unit_in(world, status)
    allowed_targets = []
    problems: list[str] = []
    for target in S.values:
        in_table = (status, target) in workflows.TRANSITIONS
        # Who may take this step; for a step the table lacks, who may change statuses at all.
        permitted = user.role in (
            table.roles(workflows.TRANSITIONS, status, target) if in_table else ANY_STEP
        )
        if permitted and in_table:
            allowed_targets.append(target)

        def change(target=target):
            services.unit_change_status(
                unit=Unit.objects.get(pk=unit.pk),
                actor=user,
                status=target,
                changed_on=timezone.localdate() - datetime.timedelta(days=1),
            )

        def moved(target=target):
            assert Unit.objects.get(pk=unit.pk).status == target

        outcome = attempt(change, moved)
        problems += expect(
            outcome, permitted=permitted, possible=in_table, context=f"{status}→{target}"
        )
        if outcome.kind == "refused":  # the service says what the page and the API say
            refusal = workflows.status_change_refusal(unit, target)
            assert refusal is not None and outcome.messages == refusal.messages
    assert not problems, problems

    client.force_login(user)
    detail = client.get(reverse("registry:unit-detail", args=[unit.pk]))
    status_url = reverse("registry:unit-status", args=[unit.pk])
    shown = detail.status_code == 200 and f'href="{status_url}"' in detail.content.decode()
    assert shown == bool(allowed_targets), f"变更经营状态 shown={shown} for {role} on {status}"
    if has_capability(user, "unit.change_status"):
        page = client.get(status_url)
        offered = [v for v, _label in page.context["form"].fields["status"].choices]
        assert offered == allowed_targets
        html = page.content.decode()
        for target in S.values:
            assert (f'<option value="{target}"' in html) == (target in allowed_targets)
        assert ('id="unit-status-form"' in html) == bool(allowed_targets)


def test_the_table_reads_as_a_bureau_expects():
    allowed = workflows.TRANSITIONS
    assert not table.steps(allowed, S.DEREGISTERED)  # struck off: nothing further
    assert (S.SUSPENDED, S.NORMAL) in allowed and (S.NORMAL, S.SUSPENDED) in allowed
    for old in (S.NORMAL, S.SUSPENDED, S.RESTRUCTURING, S.CLOSED):
        assert (old, S.DEREGISTERED) in allowed and (old, S.BANKRUPT) in allowed
    assert (S.BANKRUPT, S.NORMAL) not in allowed and (S.CLOSED, S.NORMAL) not in allowed
    assert (S.BANKRUPT, S.RESTRUCTURING) in allowed  # 破产重整
    assert set(allowed.values()) == {"unit.change_status"}


def test_a_deregistered_unit_offers_no_change_and_the_api_refuses_in_the_same_words(
    world, client_as
):
    unit = _unit_in(world, S.DEREGISTERED)
    client = client_as("bureau")
    detail = client.get(reverse("registry:unit-detail", args=[unit.pk])).content.decode()
    assert 'id="unit-status"' not in detail
    page = client.get(reverse("registry:unit-status", args=[unit.pk])).content.decode()
    message = "经营状态为“注销”的单位不能再变更经营状态。"
    assert message in page and 'id="unit-status-form"' not in page
    response = client.post(
        reverse("api:unit-status", args=[unit.pk]),
        {"status": "normal", "changed_on": timezone.localdate().isoformat()},
        content_type="application/json",
    )
    assert response.status_code == 400 and response.json() == {"status": [message]}
    assert client.get(reverse("api:unit-detail", args=[unit.pk])).json()["status_targets"] == []
