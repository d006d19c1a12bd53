"""Helpers of the generated workflow tests (tests/<app>/test_workflows.py): one user per role, and a
service call tried and undone, so one object can be walked through every step of its table."""

import contextlib
import re
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from radsafe.core.models import AuditEvent

# One fixture user of each role (tests/conftest.py), each with unit1 in its scope where the role
# has a scope at all.
ROLE_USERS = ["bureau", "inspector1", "unit1", "city", "sysadmin", "secadmin", "auditor"]
CHINESE = re.compile(r"[\u4e00-\u9fff]")


class _Undo(Exception):
    pass


@dataclass
class Outcome:
    """`ok`, `denied` (PermissionDenied, with whether a permission.denied event was written) or
    `refused` (ValidationError, with its messages)."""

    kind: str
    messages: list[str]
    audited: bool = False


def attempt(call, check=None) -> Outcome:
    """Run `call()`, then `check()` while its writes are visible, and roll everything back."""
    last = AuditEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0
    outcome = Outcome("ok", [])
    with contextlib.suppress(_Undo), transaction.atomic():
        try:
            call()
        except PermissionDenied:
            events = AuditEvent.objects.filter(pk__gt=last, action="permission.denied")
            outcome = Outcome("denied", [], audited=events.exists())
        except ValidationError as error:
            outcome = Outcome("refused", error.messages)
        else:
            if check is not None:
                check()
        raise _Undo
    return outcome


def expect(outcome: Outcome, *, permitted: bool, possible: bool, context: str) -> list[str]:
    """What is wrong with `outcome`, given whether the role may take the step at all
    (`permitted`) and whether the table and its guards allow it now (`possible`)."""
    if not permitted:
        if outcome.kind != "denied" or not outcome.audited:
            return [f"{context}: expected an audited PermissionDenied, got {outcome}"]
        return []
    if not possible:
        if outcome.kind != "refused" or not all(CHINESE.search(m) for m in outcome.messages):
            return [f"{context}: expected a refusal in Chinese, got {outcome}"]
        return []
    if outcome.kind != "ok":
        return [f"{context}: expected success, got {outcome}"]
    return []
