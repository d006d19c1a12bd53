"""Reads on the registry: the scoped unit list, its risk flags, and the home page summary."""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .choices import UnitStatus
from .models import Licence, Unit


def renewal_deadline(today: datetime.date) -> datetime.date:
    """A licence expiring on or before this date is inside the renewal window (条例第十三条)."""
    return today + datetime.timedelta(days=settings.RADSAFE_LICENCE_RENEWAL_DAYS)


@dataclass(frozen=True)
class RiskFlag:
    code: str
    label: str
    level: str  # Bootstrap contextual colour: danger / warning


def unit_risk_flags(unit: Unit, today: datetime.date | None = None) -> list[RiskFlag]:
    """Computed from the unit row alone, so a list page adds no query for them."""
    today = today or timezone.localdate()
    flags = []
    if unit.status != UnitStatus.NORMAL:
        flags.append(RiskFlag("status", _("非正常经营：%s") % unit.get_status_display(), "danger"))
    expires = unit.licence_expires_on
    if expires is None:
        flags.append(RiskFlag("no_licence", _("无许可证记录"), "warning"))
    elif expires < today:
        flags.append(RiskFlag("licence_expired", _("许可证已过期"), "danger"))
    elif expires <= renewal_deadline(today):
        flags.append(RiskFlag("licence_expiring", _("许可证将到期（%s）") % expires, "warning"))
    return flags


def unit_list(*, user) -> QuerySet[Unit]:
    """The units the user may see, with what the list and export show, in a fixed number of
    queries (industries are prefetched: one more query per page, not per row)."""
    return (
        Unit.objects.for_user(user)
        .select_related("jurisdiction", "squad")
        .prefetch_related("industries")
    )


def units_at_risk(queryset: QuerySet[Unit], today: datetime.date | None = None) -> QuerySet[Unit]:
    today = today or timezone.localdate()
    return queryset.filter(
        ~Q(status=UnitStatus.NORMAL)
        | Q(licence_expires_on__isnull=True)
        | Q(licence_expires_on__lte=renewal_deadline(today))
    )


def unit_detail(*, user, pk: int) -> Unit:
    return (
        Unit.objects.for_user(user)
        .select_related("jurisdiction", "squad")
        .prefetch_related("industries", "licences", "status_changes__actor")
        .get(pk=pk)
    )


def licence_list(*, user) -> QuerySet[Licence]:
    return Licence.objects.for_user(user).select_related("unit")


def unit_summary_for_user(*, user, today: datetime.date | None = None) -> dict[str, int]:
    today = today or timezone.localdate()
    return Unit.objects.for_user(user).aggregate(
        total=Count("id"),
        abnormal=Count("id", filter=~Q(status=UnitStatus.NORMAL)),
        licence_expired=Count("id", filter=Q(licence_expires_on__lt=today)),
        licence_expiring=Count(
            "id",
            filter=Q(
                licence_expires_on__gte=today, licence_expires_on__lte=renewal_deadline(today)
            ),
        ),
    )
