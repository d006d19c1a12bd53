"""Reads for the administrators' pages: the account list with its lockout state and the audit log.

Accounts and audit events are not tenant-owned rows: the system and security administrators see
every account and the audit administrator every event, which their capability alone decides."""

from axes.helpers import get_cool_off, get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import QuerySet, Sum
from django.utils import timezone

from radsafe.core.models import AuditEvent, User


def account_list() -> QuerySet[User]:
    return User.objects.select_related("jurisdiction", "unit").order_by("username")


def _live_attempts() -> QuerySet[AccessAttempt]:
    """Failure records still inside the cool-off window (all of them when there is none)."""
    attempts = AccessAttempt.objects.all()
    cool_off = get_cool_off()
    if cool_off is not None:
        attempts = attempts.filter(attempt_time__gte=timezone.now() - cool_off)
    return attempts


def locked_out_usernames(usernames: list[str]) -> set[str]:
    """Which of these usernames are locked out now from at least one address, in one query.

    Axes counts failures per (username, IP) summed over user agents (AXES_LOCKOUT_PARAMETERS);
    the same grouping is used here so the page agrees with what the login page will do."""
    if not usernames or not settings.AXES_ENABLED:
        return set()
    limit = get_failure_limit(None, None)
    rows = (
        _live_attempts()
        .filter(username__in=usernames)
        .values("username", "ip_address")
        .annotate(failures=Sum("failures_since_start"))
        .filter(failures__gte=limit)
        .values_list("username", flat=True)
    )
    return set(rows)


def failed_login_count(*, username: str) -> int:
    total = _live_attempts().filter(username=username).aggregate(n=Sum("failures_since_start"))
    return total["n"] or 0


def audit_event_list() -> QuerySet[AuditEvent]:
    """Newest first by primary key: the chain order, and an index the database already has."""
    return AuditEvent.objects.order_by("-id")
