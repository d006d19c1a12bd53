"""Reads on the registry: the scoped unit list, its risk flags, and the home page summary."""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from radsafe.core.choices import Role
from radsafe.core.imports import RowReader, SheetRow, cell_text
from radsafe.registry.choices import UnitStatus
from radsafe.registry.models import Licence, Unit
from radsafe.registry.validators import normalize_credit_code


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


def unit_summary_for_user(*, user) -> dict[str, int]:
    """The home page's count of the units in scope; what needs doing is the 工作台's items."""
    return {"total": Unit.objects.for_user(user).count()}


# The units a file names, for imports of rows that belong to a unit (sources, devices, workers'
# doses): one query, and only units of the importer's scope.


UNIT_KEY = "unit"


class UnitFinder:
    """The units named in a file that the importer may import for, in one query. A unit officer
    may leave the column blank (their own unit); a code outside the importer's scope and a code
    not registered read the same, so the answer does not tell whether a unit exists elsewhere."""

    def __init__(self, *, actor, rows: list[SheetRow]):
        codes = {normalize_credit_code(cell_text(r.values.get(UNIT_KEY))) for r in rows}
        codes.discard("")
        self.own_unit_id = actor.unit_id if actor.role == Role.UNIT_OFFICER else None
        self.units = {
            unit.credit_code: unit
            for unit in Unit.objects.for_user(actor).filter(credit_code__in=codes)
        }
        self.own_unit = (
            Unit.objects.for_user(actor).filter(pk=self.own_unit_id).first()
            if self.own_unit_id
            else None
        )

    def find(self, reader: RowReader, row: SheetRow) -> Unit | None:
        code = normalize_credit_code(cell_text(row.values.get(UNIT_KEY)))
        if not code:
            if self.own_unit is not None:
                return self.own_unit
            reader.error(row, UNIT_KEY, _("不能为空"))
            return None
        unit = self.units.get(code)
        if unit is None:
            reader.error(row, UNIT_KEY, _("该单位不在您的数据范围内（或尚未登记）"))
        return unit

    @property
    def unit_ids(self) -> set[int]:
        ids = {unit.pk for unit in self.units.values()}
        if self.own_unit is not None:
            ids.add(self.own_unit.pk)
        return ids
