"""What the home page shows, registered by each app at start-up so `core` names no app.

- A *panel* is a context name, the capability that may see it and the selector that fills it.
- A *work item* (工作台, issue 9) is one number of things waiting for someone, and the list they
  are: the item holds that list's URL name and query, and `rows(user=...)`, the list's own
  selector narrowed by the list's own filterset with that same query (`list_rows`). The number on
  the home page is `rows(...).count()` and the list's paginator counts the same queryset, so the
  two cannot disagree (design.md rule 6). An oversight user (city, province) gets the same items
  per county, one grouped query per item (`counts_by_county`)."""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from django.db.models import Count, F, QuerySet
from django.db.models.functions import Substr
from django.urls import reverse
from django.utils.http import urlencode

from radsafe.core.choices import JurisdictionLevel, Role
from radsafe.core.models import Jurisdiction
from radsafe.core.permissions import has_capability


@dataclass(frozen=True)
class Panel:
    name: str
    capability: str
    provide: Callable[..., object]  # provide(user=...)


PANELS: list[Panel] = []


def add_panel(name: str, capability: str, provide: Callable[..., object]) -> None:
    PANELS.append(Panel(name, capability, provide))


# --- the 工作台 --------------------------------------------------------------------------------


@dataclass(frozen=True)
class WorkItem:
    """One line of the 工作台.

    `label` names the things for the bureau ("无证上岗人员"); `unit_text` says it to a unit
    officer as the unit's own task, with ``%(count)s`` ("本单位有 %(count)s 名无证上岗人员")."""

    key: str
    label: str
    unit_text: str
    capability: str  # the capability of the list page the item links to
    order: int
    url_name: str
    rows: Callable[..., QuerySet]  # rows(user=...): the list's rows as its link filters them
    query: Mapping[str, str] = field(default_factory=dict)
    # The list's query parameter that narrows it to one jurisdiction (a county), if it has one.
    county_param: str | None = None

    def url(self, **extra) -> str:
        query = {**self.query, **extra}
        return reverse(self.url_name) + (f"?{urlencode(query)}" if query else "")

    def count(self, *, user) -> int:
        """One COUNT over the list's own queryset."""
        return _bare(self.rows(user=user)).count()

    def county_url(self, county_id: int) -> str | None:
        return self.url(**{self.county_param: county_id}) if self.county_param else None


WORK_ITEMS: dict[str, WorkItem] = {}


def add_work_item(item: WorkItem) -> None:
    if item.key in WORK_ITEMS:
        raise ValueError(f"Work item {item.key!r} is registered twice.")
    WORK_ITEMS[item.key] = item


def work_items() -> list[WorkItem]:
    return sorted(WORK_ITEMS.values(), key=lambda item: (item.order, item.key))


def list_rows(
    selector: Callable[..., QuerySet],
    filterset_class=None,
    query: Mapping[str, str] | None = None,
    **filterset_kwargs,
) -> Callable[..., QuerySet]:
    """`rows(user=...)` for a list page built as `FilteredTableView` builds it: the selector's
    rows narrowed by the page's filterset bound to the link's query."""

    def rows(*, user) -> QuerySet:
        queryset = selector(user=user)
        if filterset_class is None:
            return queryset
        kwargs = {key: value(user) for key, value in filterset_kwargs.items()}
        filterset = filterset_class(dict(query or {}), queryset=queryset, **kwargs)
        if not filterset.is_valid():
            raise ValueError(f"A work item's query does not validate: {filterset.errors}")
        return filterset.qs

    return rows


def _bare(queryset: QuerySet) -> QuerySet:
    """Counting needs neither the page's order nor its prefetches."""
    return queryset.order_by().prefetch_related(None)


def counts_by_county(item: WorkItem, *, user, county_paths: list[str]) -> dict[str, int]:
    """{county path: count}, one grouped query per distinct width of the counties' paths (one,
    where codes have one width), on the path column the rows' own scope reads."""
    queryset = _bare(item.rows(user=user))
    path_field = queryset.scope_path_field
    wanted = set(county_paths)
    counts: dict[str, int] = {}
    for length in sorted({len(path) for path in county_paths}):
        grouped = (
            queryset.annotate(_county=Substr(F(path_field), 1, length))
            .values("_county")
            .annotate(_n=Count("pk"))
            .values_list("_county", "_n")
        )
        counts.update((prefix, n) for prefix, n in grouped if prefix in wanted)
    return counts


@dataclass
class ItemCount:
    item: WorkItem
    count: int
    url: str

    @property
    def unit_text(self) -> str:
        return self.item.unit_text % {"count": self.count}


@dataclass
class CountyRow:
    county: object  # a Jurisdiction
    cells: list[tuple[int, str | None]]  # (count, link to the list narrowed to the county)

    @property
    def total(self) -> int:
        return sum(number for number, _ in self.cells)


@dataclass
class Workbench:
    mode: str  # "unit", "staff" or "oversight"
    items: list[ItemCount]  # the user's items, non-zero first, then in their order
    counties: list[CountyRow] | None = None  # oversight: worst first

    @property
    def columns(self) -> list[ItemCount]:
        """Oversight: the items in their own order (the table's columns and its total row)."""
        return sorted(self.items, key=lambda entry: (entry.item.order, entry.item.key))


def oversight_counties(user) -> list | None:
    """The counties under a city or province user's jurisdiction (one query); None for others."""
    if user.role != Role.OVERSIGHT or user.jurisdiction_id is None:
        return None
    if user.jurisdiction.level not in (JurisdictionLevel.PROVINCE, JurisdictionLevel.CITY):
        return None
    return list(
        Jurisdiction.objects.filter(
            level=JurisdictionLevel.COUNTY, path__startswith=user.scope_path
        ).only("id", "name", "path")
    )


def workbench(*, user) -> Workbench | None:
    """The 工作台 of `user`: the items whose list the user may open; per county for a city or
    province (oversight) user."""
    items = [item for item in work_items() if has_capability(user, item.capability)]
    if not items:
        return None
    entries = [ItemCount(item, item.count(user=user), item.url()) for item in items]
    entries.sort(key=lambda entry: (entry.count == 0, entry.item.order, entry.item.key))
    if user.unit_id is not None:
        return Workbench("unit", entries)
    counties = oversight_counties(user)
    if counties is None:
        return Workbench("staff", entries)
    columns = sorted(entries, key=lambda entry: (entry.item.order, entry.item.key))
    paths = [county.path for county in counties]
    by_item = [
        counts_by_county(entry.item, user=user, county_paths=paths) if entry.count else {}
        for entry in columns
    ]
    rows = [
        CountyRow(
            county,
            [
                (counts.get(county.path, 0), entry.item.county_url(county.pk))
                for entry, counts in zip(columns, by_item, strict=True)
            ],
        )
        for county in counties
    ]
    rows.sort(key=lambda row: (-row.total, row.county.path))
    return Workbench("oversight", entries, rows)
