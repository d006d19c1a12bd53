"""Writes of the security administrator on accounts (kept apart from `services.py`, which the
account lifecycle owns). Each runs in one transaction with its audit event."""

from axes.utils import reset as axes_reset
from django.db import transaction

from radsafe.core.admin_selectors import failed_login_count
from radsafe.core.audit import audit_record
from radsafe.core.models import User


def account_unlock(*, user: User, actor) -> int:
    """Lift every lockout of the username (all addresses), returning how many failure records
    were cleared. The audit event keeps the count, so an unlock of a live attack is visible."""
    with transaction.atomic():
        failures = failed_login_count(username=user.get_username())
        cleared = axes_reset(username=user.get_username())
        audit_record(
            actor=actor,
            action="account.unlock",
            obj=user,
            before={"failed_logins": failures},
            after={"failed_logins": 0, "records_cleared": cleared},
        )
    return cleared
