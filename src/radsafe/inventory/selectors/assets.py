"""Reads on the inventory, with the physics applied (decay-corrected activity, current category).

Every list is built on `for_user`, with what its table shows joined, so a page costs the same
queries for ten rows or a million."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from radsafe.inventory import physics
from radsafe.inventory.choices import HELD_STATUSES, IncidentGrade
from radsafe.inventory.models import DeviceType, Movement, Nuclide, RayDevice, Source, StorageSite
from radsafe.registry.choices import UnitStatus
from radsafe.registry.models import Unit


@dataclass(frozen=True)
class SourceState:
    """A source's activity and category on one day."""

    at: datetime.date
    activity_bq: float
    ratio: float  # A/D
    category: int
    below_exemption: bool


def source_state(source: Source, at: datetime.date | None = None) -> SourceState:
    """Needs `source.nuclide` loaded (select_related) to cost no query."""
    at = at or timezone.localdate()
    nuclide: Nuclide = source.nuclide
    activity = physics.decayed_activity(
        source.activity_bq,
        nuclide.half_life_s,
        physics.elapsed_seconds(source.reference_date, at),
    )
    ratio = physics.ratio(activity, nuclide.d_value_tbq)
    return SourceState(
        at=at,
        activity_bq=activity,
        ratio=ratio,
        category=physics.category_for_ratio(ratio),
        below_exemption=nuclide.exemption_bq is not None and activity <= nuclide.exemption_bq,
    )


def incident_grade_for_category(category: int | None) -> int:
    """Loss of a Ⅰ/Ⅱ source is 重大, of a Ⅲ source 较大, of a Ⅳ/Ⅴ source 一般 (环发〔2006〕145号).
    特别重大 needs consequences (wide contamination, deaths) that a status change cannot know."""
    if category in (1, 2):
        return IncidentGrade.SERIOUS
    if category == 3:
        return IncidentGrade.LARGER
    return IncidentGrade.GENERAL


def source_list(*, user) -> QuerySet[Source]:
    """Grouped by jurisdiction, then by code: the order of the (scope_path, code) index, so even a
    province-wide first page is read off the index instead of sorting every source in scope."""
    return (
        Source.objects.for_user(user)
        .select_related("nuclide", "unit", "site")
        .order_by("scope_path", "code")
    )


@dataclass(frozen=True)
class HeldSource:
    """A source with its state on the day asked about (for tables that show both)."""

    source: Source
    state: SourceState


@dataclass(frozen=True)
class SiteContents:
    """What the register says is in a site, and how the site is judged as a whole: sources kept
    together are categorised by ΣA/D (原环保总局公告2005年第62号)."""

    at: datetime.date
    sources: list[HeldSource]
    ratio_sum: float
    category: int | None  # None for an empty site


def sources_at_site(site: StorageSite) -> QuerySet[Source]:
    """The register's projection: in the site, not checked out, and still held by the unit."""
    return (
        Source.objects.filter(site=site, is_checked_out=False, status__in=HELD_STATUSES)
        .select_related("nuclide")
        .order_by("code")
    )


def site_contents(site: StorageSite, at: datetime.date | None = None) -> SiteContents:
    """One query, whatever the site holds: ΣA/D needs every source anyway."""
    at = at or timezone.localdate()
    held = [HeldSource(source, source_state(source, at)) for source in sources_at_site(site)]
    ratio_sum, category = physics.aggregate_category(
        (item.state.activity_bq, item.source.nuclide.d_value_tbq) for item in held
    )
    return SiteContents(at=at, sources=held, ratio_sum=ratio_sum, category=category)


@dataclass(frozen=True)
class CategoryChange:
    source: Source
    before: SourceState
    after: SourceState


def category_changes(*, user, start: datetime.date, end: datetime.date) -> list[CategoryChange]:
    """Sources still held whose category by decay differs between `start` and `end`.

    Computed in Python over the user's sources (one query, nuclides joined): the category is a
    function of the date that SQL cannot index. A county holds hundreds of sources, a province a
    few thousand, which is fine; a national list would want a stored "category changes on" date
    recomputed nightly instead."""
    changes = []
    sources = (
        Source.objects.for_user(user)
        .filter(status__in=HELD_STATUSES)
        .select_related("nuclide", "unit")
        .order_by("unit__name", "code")
    )
    for source in sources.iterator(chunk_size=2000):
        before, after = source_state(source, start), source_state(source, end)
        if before.category != after.category:
            changes.append(CategoryChange(source, before, after))
    return changes


def high_risk_units(*, user) -> QuerySet[Unit]:
    """Units not in normal operation that still hold sources, each with `held_sources` (nuclide
    joined) so the page shows them and their current categories in two queries per page: the
    units, and one prefetch for their sources. The plan asks that these be sent for storage
    (送贮) or sealed (封存)."""
    held = Source.objects.filter(status__in=HELD_STATUSES)
    return (
        Unit.objects.for_user(user)
        .exclude(status=UnitStatus.NORMAL)
        .filter(Exists(held.filter(unit=OuterRef("pk"))))
        .select_related("squad")
        .prefetch_related(
            Prefetch(
                "sources",
                queryset=held.select_related("nuclide", "site").order_by("code"),
                to_attr="held_sources",
            )
        )
        .order_by("status_since", "name")
    )


def source_detail(*, user, pk: int) -> Source:
    return source_list(user=user).select_related("unit__squad").get(pk=pk)


def source_movements(*, user, source: Source, limit: int = 20) -> list[Movement]:
    """The latest events of the source that the user may see (a source transferred in keeps its
    earlier unit's events out of the new unit's sight)."""
    return list(
        Movement.objects.for_user(user)
        .filter(source=source)
        .select_related("site", "counterparty")
        .order_by("-occurred_at", "-id")[:limit]
    )


def device_list(*, user) -> QuerySet[RayDevice]:
    return RayDevice.objects.for_user(user).select_related("unit", "device_type")


def site_list(*, user) -> QuerySet[StorageSite]:
    """With the number of sources the register puts in each site (one aggregate, no per-row
    query)."""
    return (
        StorageSite.objects.for_user(user)
        .select_related("unit")
        .annotate(
            source_count=Count(
                "sources",
                filter=Q(sources__is_checked_out=False, sources__status__in=HELD_STATUSES),
            )
        )
        .order_by("unit_id", "name")  # a GROUP BY drops Meta.ordering
    )


def nuclide_list(*, user=None) -> QuerySet[Nuclide]:
    """Reference data, the same for everyone who may read it (the capability decides who)."""
    return Nuclide.objects.all()


def device_type_list(*, user=None) -> QuerySet[DeviceType]:
    """Reference data like the nuclides: one list for everyone who may read it."""
    return DeviceType.objects.all()
