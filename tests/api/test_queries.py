"""List endpoints cost the same number of queries for 10 units as for 1,000 (design.md rule 6)."""

import datetime

import pytest

from radsafe.registry.models import Industry, Licence, Unit
from tests.factories import valid_credit_code

pytestmark = pytest.mark.django_db

# Session, user and the user's jurisdiction (scope path); count, page and (units only) the
# industries prefetch; the session save of SESSION_SAVE_EVERY_REQUEST (UPDATE between a savepoint
# and its release inside the test transaction). What matters is that n does not change it.
UNIT_LIST_QUERIES = 9
LICENCE_LIST_QUERIES = 8


def bulk_units(world, n: int) -> None:
    industries = list(Industry.objects.filter(code__in=["diagnosis", "gauging"]))
    units = Unit.objects.bulk_create(
        Unit(
            name=f"批量单位{i:04d}",
            credit_code=valid_credit_code(100_000 + i),
            jurisdiction=world.county,
            squad=world.squad1,
            scope_path=world.squad1.path,
            licence_expires_on=datetime.date(2027, 1, 1),
        )
        for i in range(n)
    )
    through = Unit.industries.through
    through.objects.bulk_create(
        through(unit_id=unit.pk, industry_id=industry.pk)
        for unit in units
        for industry in industries
    )
    Licence.objects.bulk_create(
        Licence(
            unit_id=unit.pk,
            number=f"晋环辐证[Q{unit.pk:06d}]",
            authority="山西省生态环境厅",
            authority_level="province",
            scope="使用Ⅲ类射线装置",
            issued_on=datetime.date(2022, 1, 1),
            expires_on=datetime.date(2027, 1, 1),
        )
        for unit in units
    )


@pytest.mark.parametrize("n", [10, 1000])
def test_unit_list_query_count_does_not_grow(world, client_as, django_assert_num_queries, n):
    bulk_units(world, n)
    client = client_as("bureau")
    with django_assert_num_queries(UNIT_LIST_QUERIES):
        response = client.get("/api/units/?ordering=name")
    assert response.status_code == 200
    assert response.json()["count"] == n + 2
    assert all(row["industries"] for row in response.json()["results"])


@pytest.mark.parametrize("n", [10, 1000])
def test_filtered_unit_list_query_count_does_not_grow(
    world, client_as, django_assert_num_queries, n
):
    bulk_units(world, n)
    client = client_as("inspector1")
    with django_assert_num_queries(UNIT_LIST_QUERIES + 2):  # + squad and industry lookups
        response = client.get(f"/api/units/?squad={world.squad1.pk}&industry=gauging")
    assert response.status_code == 200
    assert response.json()["count"] == n


@pytest.mark.parametrize("n", [10, 1000])
def test_licence_list_query_count_does_not_grow(world, client_as, django_assert_num_queries, n):
    bulk_units(world, n)
    client = client_as("bureau")
    with django_assert_num_queries(LICENCE_LIST_QUERIES):
        response = client.get("/api/licences/")
    assert response.status_code == 200
    assert response.json()["count"] == n
