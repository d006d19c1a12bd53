"""What the bench measures: one `Case` per page or endpoint, declared in one line each.

`main_query` rebuilds the page's main queryset from the same selector and filterset the view uses,
with its ordering and page slice; its SQL, run bare through a cursor, is the floor the page cannot
beat. Later apps declare theirs in their own module (personnel.py), listed after these in
`measure.ALL_CASES`. The inventory cases open rows that `data.generate` picked
(`BenchData.inventory`): a unit with sources, a store and an open check-out, one of its sources
and its store."""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db.models import QuerySet

from radsafe.bench.data import BenchData
from radsafe.core.home import WORK_ITEMS
from radsafe.inventory.filtersets.assets import RayDeviceFilterSet, SourceFilterSet
from radsafe.inventory.filtersets.register import MovementFilterSet
from radsafe.inventory.models import Source, StorageSite
from radsafe.inventory.selectors import assets as inventory
from radsafe.inventory.selectors import register
from radsafe.registry import selectors
from radsafe.registry.filtersets import LicenceFilterSet, UnitFilterSet

Params = dict[str, Any]
MainQuery = Callable[[Any, Params, Params], QuerySet]  # (user, url kwargs, GET params)


@dataclass(frozen=True)
class Case:
    name: str
    url_name: str
    user: str  # a key of BenchData.users: "county", "city" or "province"
    main_query: MainQuery
    kwargs: Params | Callable[[BenchData], Params] = field(default_factory=dict)
    params: Params | Callable[[BenchData], Params] = field(default_factory=dict)

    def resolve(self, data: BenchData) -> tuple[Params, Params]:
        kwargs = self.kwargs(data) if callable(self.kwargs) else self.kwargs
        params = self.params(data) if callable(self.params) else self.params
        return dict(kwargs), {key: str(value) for key, value in params.items()}


def page_size() -> int:
    """The pages' size, read from the view so the floor slices what the page shows."""
    try:
        from radsafe.core.web.views import PAGE_SIZE
    except ImportError:
        return 25
    return PAGE_SIZE


def api_page_size() -> int:
    return settings.REST_FRAMEWORK["PAGE_SIZE"]


def _filtered(filterset_class, queryset: QuerySet, params: Params, **extra) -> QuerySet:
    filterset = filterset_class(params or None, queryset=queryset, **extra)
    if filterset.is_bound and not filterset.is_valid():
        raise ValueError(f"bench parameters rejected by {filterset_class.__name__}: {params}")
    queryset = filterset.qs
    order = params.get("sort") or params.get("ordering")
    return queryset.order_by(*order.split(",")) if order else queryset


def unit_page(size: Callable[[], int] = page_size) -> MainQuery:
    def main(user, kwargs, params):
        units = _filtered(UnitFilterSet, selectors.unit_list(user=user), params, user=user)
        return units[: size()]

    return main


def unit_rows(user, kwargs, params) -> QuerySet:
    """Every filtered row, unsliced: what an export writes."""
    return _filtered(UnitFilterSet, selectors.unit_list(user=user), params, user=user)


def unit_one(user, kwargs, params) -> QuerySet:
    return selectors.unit_list(user=user).filter(pk=kwargs["pk"])


def licence_page(size: Callable[[], int] = page_size) -> MainQuery:
    def main(user, kwargs, params):
        return _filtered(LicenceFilterSet, selectors.licence_list(user=user), params)[: size()]

    return main


def source_page(size: Callable[[], int] = page_size) -> MainQuery:
    def main(user, kwargs, params):
        return _filtered(SourceFilterSet, inventory.source_list(user=user), params)[: size()]

    return main


def source_one(user, kwargs, params) -> QuerySet:
    """`source_detail` without its final `.get()`, so the SQL is the same."""
    return inventory.source_list(user=user).select_related("unit__squad").filter(pk=kwargs["pk"])


def device_page(size: Callable[[], int] = page_size) -> MainQuery:
    def main(user, kwargs, params):
        return _filtered(RayDeviceFilterSet, inventory.device_list(user=user), params)[: size()]

    return main


def device_one(user, kwargs, params) -> QuerySet:
    return inventory.device_list(user=user).select_related("unit__squad").filter(pk=kwargs["pk"])


def movement_page(size: Callable[[], int] = page_size) -> MainQuery:
    def main(user, kwargs, params):
        return _filtered(MovementFilterSet, register.movement_list(user=user), params)[: size()]

    return main


def reconciliation_sources(user, kwargs, params) -> QuerySet:
    """The first and widest query of `selectors_register.reconciliation`: the unit's sources
    (the events and counts that follow are bounded by them)."""
    return Source.objects.filter(unit_id=kwargs["pk"]).select_related("site").order_by("code")


def site_sources(user, kwargs, params) -> QuerySet:
    """What the site page lists: the register's projection of the site's contents."""
    return inventory.sources_at_site(StorageSite(pk=kwargs["pk"]))


def high_risk_page(user, kwargs, params) -> QuerySet:
    return inventory.high_risk_units(user=user)[: page_size()]


def workbench_floor(user, kwargs, params) -> QuerySet:
    """The 工作台 runs one COUNT (or one grouped COUNT) per item; its floor here is the first
    item's, 无证上岗, the costliest of them (two EXISTS per worker)."""
    return WORK_ITEMS["unlicensed"].rows(user=user).order_by().values("pk")


def _squad(data: BenchData) -> Params:
    return {"squad": data.squad_id}


def _unit(data: BenchData) -> Params:
    return {"pk": data.unit_id}


def _source(data: BenchData) -> Params:
    return {"pk": data.inventory.source_id}


def _device(data: BenchData) -> Params:
    return {"pk": data.device_id}


def _holder(data: BenchData) -> Params:
    return {"pk": data.inventory.unit_id}


def _site(data: BenchData) -> Params:
    return {"pk": data.inventory.site_id}


def _code(data: BenchData) -> Params:
    return {"q": data.inventory.code_search}


U = "registry:unit-list"
S = "inventory:source-list"
CASES: list[Case] = [
    Case("工作台 home (county)", "home", "county", workbench_floor),
    Case("工作台 home (province)", "home", "province", workbench_floor),
    Case("unit-list page 1 (county)", U, "county", unit_page()),
    Case("unit-list page 1 (city)", U, "city", unit_page()),
    Case("unit-list page 1 (province)", U, "province", unit_page()),
    Case("unit-list squad filter", U, "city", unit_page(), params=_squad),
    Case("unit-list name search", U, "city", unit_page(), params=lambda d: {"q": d.search}),
    Case("unit-list expiring 30d", U, "city", unit_page(), params={"licence_expiring_within": 30}),
    Case("unit-list expired", U, "city", unit_page(), params={"licence_expired": "true"}),
    Case("unit-list sorted", U, "city", unit_page(), params={"sort": "-licence_expires_on"}),
    Case("unit-detail", "registry:unit-detail", "county", unit_one, kwargs=_unit),
    Case("unit-export squad", "registry:unit-export", "county", unit_rows, params=_squad),
    Case("licence-list", "registry:licence-list", "city", licence_page()),
    Case("api unit-list", "api:unit-list", "city", unit_page(api_page_size)),
    Case("api unit-detail", "api:unit-detail", "county", unit_one, kwargs=_unit),
    Case("api licence-list", "api:licence-list", "city", licence_page(api_page_size)),
    Case("source-list page 1 (county)", S, "county", source_page()),
    Case("source-list page 1 (city)", S, "city", source_page()),
    Case("source-list page 1 (province)", S, "province", source_page()),
    Case("source-list stored", S, "city", source_page(), params={"status": "stored"}),
    Case("source-list code search", S, "province", source_page(), params=_code),
    Case("source-detail", "inventory:source-detail", "county", source_one, kwargs=_source),
    Case("device-list", "inventory:device-list", "city", device_page()),
    Case("device-detail", "inventory:device-detail", "county", device_one, kwargs=_device),
    Case(
        "unit reconciliation",
        "inventory:unit-reconciliation",
        "county",
        reconciliation_sources,
        kwargs=_holder,
    ),
    Case("site-detail", "inventory:site-detail", "county", site_sources, kwargs=_site),
    Case("high-risk list", "inventory:high-risk", "province", high_risk_page),
    Case("api source-list", "api:source-list", "city", source_page(api_page_size)),
    Case("api source-detail", "api:source-detail", "county", source_one, kwargs=_source),
    Case("api device-list", "api:device-list", "city", device_page(api_page_size)),
    Case("api movement-list", "api:movement-list", "city", movement_page(api_page_size)),
]
