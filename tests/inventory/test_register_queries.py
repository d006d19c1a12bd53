"""Query budgets (design.md rule 6): the register's pages and API lists cost the same number of
queries for 10 rows as for 1,000, and the reconciliation does not query per source."""

import datetime
import itertools

import pytest
from django.urls import reverse
from django.utils import timezone

from radsafe.inventory.models import (
    Incident,
    Movement,
    OffsiteUse,
    PhysicalCount,
    Source,
    Transfer,
)
from tests.factories import StorageSiteFactory, nuclide

pytestmark = pytest.mark.django_db

MAX_QUERIES = 15
_serial = itertools.count(1)


def add_rows(world, site, count: int) -> None:
    """`count` sources of unit 1 in `site`, each with an arrival and a check-out (a third still
    out), an incident, a transfer row and an off-site filing; bulk-written."""
    now = timezone.now()
    cs137 = nuclide("Cs-137")
    sources = Source.objects.bulk_create(
        Source(
            code=f"0218CS{next(_serial):05d}4",
            nuclide=cs137,
            activity_bq=3.7e9,
            reference_date=datetime.date(2018, 1, 1),
            category_at_manufacture=4,
            unit=world.unit1,
            scope_path=world.unit1.scope_path,
            site=site,
            status="stored",
            is_checked_out=i % 3 == 0,
        )
        for i in range(count)
    )
    movements = []
    for i, source in enumerate(sources):
        common = {"unit": world.unit1, "source": source, "person": "张三"}
        movements.append(
            Movement(
                **common,
                kind="arrival",
                occurred_at=now - datetime.timedelta(days=10),
                to_status="stored",
                site=site,
            )
        )
        movements.append(
            Movement(
                **common,
                kind="check_out",
                occurred_at=now - datetime.timedelta(hours=30 + i % 5),
                site=site,
                offsite=i % 2 == 0,
                destination="工地",
            )
        )
    Movement.objects.bulk_create(movements)
    Incident.objects.bulk_create(
        Incident(
            unit=world.unit1,
            source=source,
            kind="lost",
            grade=4,
            occurred_at=now,
            place="永济市",
            source_code=source.code,
        )
        for source in sources
    )
    Transfer.objects.bulk_create(
        Transfer(
            source=source,
            unit=world.unit1,
            to_unit=world.unit2,
            approval_number="晋环转[2025]1号",
            transferred_on=datetime.date(2025, 1, 1),
        )
        for source in sources
    )
    OffsiteUse.objects.bulk_create(
        OffsiteUse(
            unit=world.unit1,
            source=source,
            place="工地",
            starts_on=datetime.date(2025, 1, 1),
            ends_on=datetime.date(2025, 12, 31),
            authority="山西省生态环境厅",
            filing_number=f"晋环异备[2025]{source.pk}号",
        )
        for source in sources
    )
    counted = PhysicalCount.objects.create(
        unit=world.unit1, site=site, counted_at=now - datetime.timedelta(days=1), counted_by="王"
    )
    counted.sources_found.add(*sources[::2])


PAGES = [
    ("bureau", "inventory:movement-list", {}),
    ("unit1", "inventory:movement-list", {"kind": "check_out", "sort": "-source"}),
    ("inspector1", "inventory:movement-list", {"unfiled": "true", "page": "2"}),
    ("bureau", "inventory:incident-list", {"status": "open"}),
    ("unit1", "inventory:transfer-list", {"sort": "to_unit"}),
    ("bureau", "inventory:offsite-list", {"valid_on": "2025-06-01"}),
    ("bureau", "inventory:unit-reconciliation", "unit"),
    ("inspector1", "inventory:site-reconciliation", "site"),
    ("unit1", "api:movement-list", {}),
    ("bureau", "api:incident-list", {"status": "open"}),
    ("bureau", "api:transfer-list", {}),
    ("unit1", "api:offsite-use-list", {}),
]


@pytest.mark.parametrize(("role", "url_name", "params"), PAGES)
def test_register_lists_cost_the_same_for_10_and_1000_rows(
    world,
    client_as,
    django_assert_max_num_queries,
    django_assert_num_queries,
    role,
    url_name,
    params,
):
    site = StorageSiteFactory(unit=world.unit1)
    if params == "unit":
        url, params = reverse(url_name, args=[world.unit1.pk]), {}
    elif params == "site":
        url, params = reverse(url_name, args=[site.pk]), {}
    else:
        url = reverse(url_name)
    client = client_as(role)
    add_rows(world, site, 10)
    client.get(url, params)  # one-off caches (content types, session) are not the page's cost
    with django_assert_max_num_queries(MAX_QUERIES) as small:
        response = client.get(url, params)
    assert response.status_code == 200
    add_rows(world, site, 990)
    with django_assert_num_queries(len(small.captured_queries)):
        response = client.get(url, params)
    assert response.status_code == 200
    if "reconciliation" in url_name:
        assert len(response.context["discrepancies"]) > 1000  # the rows were really there
