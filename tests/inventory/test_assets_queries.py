"""Query budgets (design.md rule 6): the asset pages and endpoints cost the same number of queries
for 10 rows as for 1,000 — the current activity and category are computed from the joined nuclide,
never fetched per row."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from radsafe.inventory.models import Movement, Nuclide, RayDevice, Source, StorageSite
from radsafe.registry.choices import UnitStatus
from radsafe.registry.models import Unit
from tests.factories import device_type, valid_credit_code

pytestmark = pytest.mark.django_db

MAX_QUERIES = 15
SYMBOLS = ["Co-60", "Cs-137", "Ir-192", "Am-241/Be", "Se-75"]


class Bulk:
    """Rows written with bulk_create, in batches that add up to 10 and then to 1,000."""

    def __init__(self, world):
        self.world = world
        self.nuclides = list(Nuclide.objects.filter(symbol__in=SYMBOLS))
        self.site = StorageSite.objects.create(
            unit=world.unit1, name="大库", kind="storage", place="东院"
        )
        self.serial = 0

    def sources(self, n: int, *, unit=None, site=None) -> list[Source]:
        rows = []
        for _ in range(n):
            self.serial += 1
            rows.append(
                Source(
                    code=f"0118CS{self.serial:05d}4",
                    nuclide=self.nuclides[self.serial % len(self.nuclides)],
                    activity_bq=1e9 * (1 + self.serial % 97),
                    reference_date=datetime.date(2015, 1, 1),
                    unit=(owner := unit or (self.world.unit1, self.world.unit2)[self.serial % 2]),
                    scope_path=owner.scope_path,
                    site=site,
                    status="stored",
                )
            )
        return Source.objects.bulk_create(rows)

    def devices(self, n: int) -> None:
        kind = device_type()
        RayDevice.objects.bulk_create(
            RayDevice(
                unit=(owner := (self.world.unit1, self.world.unit2)[i % 2]),
                scope_path=owner.scope_path,
                name=f"DR-{self.serial}-{i}",
                device_type=kind,
                device_class=3,
            )
            for i in range(n)
        )

    def movements(self, source: Source, n: int) -> None:
        start = timezone.now() - datetime.timedelta(days=n + 1)
        Movement.objects.bulk_create(
            Movement(
                unit=source.unit,
                source=source,
                kind="check_out" if i % 2 else "return",
                occurred_at=start + datetime.timedelta(days=i),
                person="张三",
                site=self.site,
            )
            for i in range(n)
        )

    def abnormal_units(self, n_units: int, sources_each: int) -> None:
        for i in range(n_units):
            self.serial += 1
            unit = Unit.objects.create(
                name=f"停产单位{self.serial:05d}",
                credit_code=valid_credit_code(5_000_000 + self.serial),
                jurisdiction=self.world.county,
                squad=self.world.squad1,
                scope_path=self.world.squad1.path,
                status=(UnitStatus.BANKRUPT, UnitStatus.SUSPENDED)[i % 2],
            )
            self.sources(sources_each, unit=unit)


def measured(client, url, params, django_assert_max_num_queries):
    client.get(url, params)  # one-off caches (content types, session) are not the page's cost
    with django_assert_max_num_queries(MAX_QUERIES) as captured:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(captured.captured_queries), response


@pytest.mark.parametrize(
    ("role", "url_name", "params"),
    [
        ("bureau", "inventory:source-list", {}),
        ("bureau", "inventory:source-list", {"sort": "-unit", "page": "2", "nuclide": "Co-60"}),
        ("unit1", "inventory:source-list", {"q": "0118", "status": "stored"}),
        ("bureau", "inventory:device-list", {"sort": "device_type"}),
        ("inspector1", "inventory:site-list", {}),
        ("bureau", "inventory:nuclide-list", {}),
    ],
)
def test_list_pages_cost_the_same_for_10_and_1000_rows(
    world,
    client_as,
    django_assert_max_num_queries,
    django_assert_num_queries,
    role,
    url_name,
    params,
):
    bulk = Bulk(world)
    bulk.sources(10, site=bulk.site)
    bulk.devices(10)
    client, url = client_as(role), reverse(url_name)
    small, _response = measured(client, url, params, django_assert_max_num_queries)
    bulk.sources(990, site=bulk.site)
    bulk.devices(990)
    with django_assert_num_queries(small):
        response = client.get(url, params)
    assert response.status_code == 200
    assert len(response.context["table"].rows) > 0


def test_source_detail_costs_the_same_for_10_and_1000_events_and_sources(
    world, client_as, django_assert_max_num_queries, django_assert_num_queries
):
    bulk = Bulk(world)
    (source,) = bulk.sources(1, unit=world.unit1, site=bulk.site)
    bulk.movements(source, 10)
    bulk.sources(9)
    client = client_as("unit1")
    url = reverse("inventory:source-detail", args=[source.pk])
    small, _response = measured(client, url, {"at": "2030-01-01"}, django_assert_max_num_queries)
    bulk.movements(source, 990)
    bulk.sources(990)
    with django_assert_num_queries(small):
        response = client.get(url, {"at": "2030-01-01"})
    assert len(response.context["movements"]) == 20


def test_site_detail_costs_the_same_for_10_and_1000_sources_in_store(
    world, client_as, django_assert_max_num_queries, django_assert_num_queries
):
    bulk = Bulk(world)
    bulk.sources(10, unit=world.unit1, site=bulk.site)
    client = client_as("inspector1")
    url = reverse("inventory:site-detail", args=[bulk.site.pk])
    small, _response = measured(client, url, {}, django_assert_max_num_queries)
    bulk.sources(990, unit=world.unit1, site=bulk.site)
    with django_assert_num_queries(small):
        response = client.get(url)
    assert len(response.context["contents"].sources) == 1000
    assert response.context["contents"].category is not None


def test_high_risk_costs_the_same_for_10_and_1000_sources(
    world, client_as, django_assert_max_num_queries, django_assert_num_queries
):
    bulk = Bulk(world)
    bulk.abnormal_units(5, sources_each=2)
    client = client_as("bureau")
    url = reverse("inventory:high-risk")
    small, response = measured(client, url, {}, django_assert_max_num_queries)
    assert len(response.context["page_obj"]) == 5
    bulk.abnormal_units(45, sources_each=22)
    with django_assert_num_queries(small):
        response = client.get(url)
    assert response.context["page_obj"].paginator.count == 50
    # The first page: the five small holders (oldest names first), then twenty of the others.
    assert sum(len(unit.held) for unit in response.context["page_obj"]) == 5 * 2 + 20 * 22


@pytest.mark.parametrize(
    "path", ["/api/sources/", "/api/sources/?at=2030-01-01", "/api/devices/", "/api/storage-sites/"]
)
def test_api_lists_cost_the_same_for_10_and_1000_rows(
    world, client_as, django_assert_num_queries, path
):
    bulk = Bulk(world)
    bulk.sources(10, site=bulk.site)
    bulk.devices(10)
    client = client_as("bureau")
    client.get(path)
    with CaptureQueriesContext(connection) as small:
        assert client.get(path).status_code == 200
    bulk.sources(990, site=bulk.site)
    bulk.devices(990)
    with django_assert_num_queries(len(small.captured_queries)):
        response = client.get(path)
    assert response.json()["count"] >= 1 and len(response.json()["results"]) > 0
