"""Reads on the movement register: the scoped lists, the open-incident count of the page banner,
and the reconciliation of a unit's or a store's register with its inventory and physical counts.

The reconciliation loads a unit's sources, all their events and the latest count of each store in
a fixed number of queries and replays the events in Python (`services.register.project`): no
query per source, whatever the unit holds."""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from radsafe.inventory.choices import HELD_STATUSES, INCIDENT_STATUSES, IncidentStatus, MovementKind
from radsafe.inventory.models import (
    Incident,
    Movement,
    OffsiteUse,
    PhysicalCount,
    Source,
    StorageSite,
    Transfer,
)
from radsafe.inventory.services.register.movements import EMPTY, apply_event

K = MovementKind


def movement_list(*, user) -> QuerySet[Movement]:
    return Movement.objects.for_user(user).select_related(
        "source", "unit", "site", "counterparty", "offsite_use"
    )


def offsite_list(*, user) -> QuerySet[OffsiteUse]:
    return OffsiteUse.objects.for_user(user).select_related("unit", "source", "device")


def transfer_list(*, user) -> QuerySet[Transfer]:
    return Transfer.objects.for_user(user).select_related("source", "unit", "to_unit")


def incident_list(*, user) -> QuerySet[Incident]:
    return Incident.objects.for_user(user).select_related("unit", "source")


def open_incident_count(*, user) -> int:
    """One COUNT over an indexed status: the banner every page shows."""
    return Incident.objects.for_user(user).filter(status=IncidentStatus.OPEN).count()


def overdue_checkout_q(now: datetime.datetime | None = None) -> Q:
    """On sources: out longer than RADSAFE_CHECKOUT_MAX_HOURS, as the reconciliation's "overdue"
    says it (a lost or stolen source is left to its incident). While a source is out its latest
    check-out is the open one, so "no check-out within the limit" is "out too long": one EXISTS
    on the movements' (source, time) order, no replay."""
    now = now or timezone.now()
    since = now - datetime.timedelta(hours=settings.RADSAFE_CHECKOUT_MAX_HOURS)
    recent = Movement.objects.filter(
        source=OuterRef("pk"), kind=K.CHECK_OUT, occurred_at__gte=since
    )
    return Q(is_checked_out=True) & ~Q(status__in=INCIDENT_STATUSES) & ~Exists(recent)


# --- reconciliation -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Discrepancy:
    kind: str  # a key of KIND_LABELS
    source: Source
    description: str
    site: StorageSite | None = None
    at: datetime.datetime | None = None

    @property
    def label(self) -> str:
        return str(KIND_LABELS[self.kind])


KIND_LABELS = {
    "no_arrival": gettext_lazy("无入库记录"),
    "overdue": gettext_lazy("出库超时未归还"),
    "count_missing": gettext_lazy("盘点缺失"),
    "count_unexpected": gettext_lazy("盘点多出"),
    "offsite_unfiled": gettext_lazy("异地使用未备案"),
}


def _when(moment: datetime.datetime) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")


def reconciliation(
    *, unit=None, site: StorageSite | None = None, now: datetime.datetime | None = None
) -> list[Discrepancy]:
    """Discrepancies between a unit's register, its inventory and its latest physical counts:

    - a source on the inventory with no arrival (入库登记) or transfer-in event in this unit;
    - a check-out still open after RADSAFE_CHECKOUT_MAX_HOURS (a lost or stolen source is left to
      its incident);
    - per store, its latest count against what the register says was there at that moment
      (sources missing and sources found that should not be there);
    - off-site check-outs with no filing that covered them.

    With `site`, only what concerns that store (and its unit's register) is returned."""
    if unit is None and site is None:
        raise ValueError("reconciliation needs a unit or a site")
    unit_id = site.unit_id if site is not None else unit.pk
    now = now or timezone.now()
    limit = datetime.timedelta(hours=settings.RADSAFE_CHECKOUT_MAX_HOURS)

    sources = {
        s.pk: s
        for s in Source.objects.filter(unit_id=unit_id).select_related("site").order_by("code")
    }
    events: dict[int, list[Movement]] = defaultdict(list)
    for event in Movement.objects.filter(source_id__in=list(sources)).order_by(
        "source_id", "occurred_at", "id"
    ):
        events[event.source_id].append(event)

    found: list[Discrepancy] = []
    for source in sources.values():
        history = events.get(source.pk, [])
        state = EMPTY
        open_check_out = None
        for event in history:
            state = apply_event(state, event)
            if event.kind == K.CHECK_OUT:
                open_check_out = event
            elif not state.is_checked_out:
                open_check_out = None
            if event.kind == K.CHECK_OUT and event.offsite and event.offsite_use_id is None:
                found.append(
                    Discrepancy(
                        "offsite_unfiled",
                        source,
                        _(
                            "%(time)s 出库至“%(place)s”异地使用，"
                            "没有覆盖该地点和日期的异地使用备案。"
                        )
                        % {"time": _when(event.occurred_at), "place": event.destination},
                        site=source.site,
                        at=event.occurred_at,
                    )
                )
        arrived = any(
            e.kind in (K.ARRIVAL, K.TRANSFER_IN) and e.unit_id == unit_id for e in history
        )
        if not arrived:
            found.append(
                Discrepancy(
                    "no_arrival",
                    source,
                    _("台账中有该放射源，但出入库记录中没有其入库登记或转让转入记录。"),
                    site=source.site,
                )
            )
        if (
            state.is_checked_out
            and open_check_out is not None
            and state.status not in INCIDENT_STATUSES
            and now - open_check_out.occurred_at > limit
        ):
            hours = (now - open_check_out.occurred_at).total_seconds() / 3600
            found.append(
                Discrepancy(
                    "overdue",
                    source,
                    _(
                        "%(time)s 出库（经办人：%(person)s），已 %(hours)d 小时未归还，"
                        "超过允许的 %(limit)d 小时。"
                    )
                    % {
                        "time": _when(open_check_out.occurred_at),
                        "person": open_check_out.person,
                        "hours": hours,
                        "limit": settings.RADSAFE_CHECKOUT_MAX_HOURS,
                    },
                    site=source.site,
                    at=open_check_out.occurred_at,
                )
            )
    found.extend(_count_discrepancies(unit_id, site, sources, events))
    if site is not None:
        found = [d for d in found if d.site is not None and d.site.pk == site.pk]
    order = list(KIND_LABELS)
    found.sort(key=lambda d: (order.index(d.kind), d.source.code))
    return found


def _count_discrepancies(unit_id, site, sources, events) -> list[Discrepancy]:
    sites = StorageSite.objects.filter(unit_id=unit_id).annotate(
        latest_count=Subquery(
            PhysicalCount.objects.filter(site=OuterRef("pk"))
            .order_by("-counted_at", "-id")
            .values("pk")[:1]
        )
    )
    if site is not None:
        sites = sites.filter(pk=site.pk)
    latest = {s.latest_count: s for s in sites if s.latest_count is not None}
    if not latest:
        return []
    counts = PhysicalCount.objects.filter(pk__in=list(latest)).in_bulk()
    through = PhysicalCount.sources_found.through
    found_by_count: dict[int, set[int]] = defaultdict(set)
    for count_id, source_id in through.objects.filter(
        physicalcount_id__in=list(latest)
    ).values_list("physicalcount_id", "source_id"):
        found_by_count[count_id].add(source_id)

    result = []
    for count_id, count_site in latest.items():
        count = counts[count_id]
        expected = set()
        for source_id in sources:
            state = EMPTY
            for event in events.get(source_id, []):
                if event.occurred_at > count.counted_at:
                    break
                state = apply_event(state, event)
            if (
                state.site_id == count_site.pk
                and not state.is_checked_out
                and state.status in HELD_STATUSES
            ):
                expected.add(source_id)
        seen = found_by_count[count_id] & set(sources)
        when = _when(count.counted_at)
        for source_id in sorted(expected - seen, key=lambda pk: sources[pk].code):
            result.append(
                Discrepancy(
                    "count_missing",
                    sources[source_id],
                    _("%(time)s 盘点“%(site)s”时未见该放射源，而出入库记录显示其应在库。")
                    % {"time": when, "site": count_site.name},
                    site=count_site,
                    at=count.counted_at,
                )
            )
        for source_id in sorted(seen - expected, key=lambda pk: sources[pk].code):
            result.append(
                Discrepancy(
                    "count_unexpected",
                    sources[source_id],
                    _("%(time)s 盘点“%(site)s”时发现该放射源，而出入库记录显示其不应在库。")
                    % {"time": when, "site": count_site.name},
                    site=count_site,
                    at=count.counted_at,
                )
            )
    return result
