"""Query budgets (design.md rule 6): a list page costs the same number of queries whatever the
number of rows, and never more than a small bound."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from radsafe.registry.choices import AuthorityLevel, UnitStatus
from radsafe.registry.models import Industry, Licence, Unit
from tests.factories import LicenceFactory, valid_credit_code

pytestmark = pytest.mark.django_db

MAX_QUERIES = 15
STATUSES = list(UnitStatus.values)


def add_units(world, count: int, start: int) -> None:
    """`count` units spread over both squads, each with two industries and one licence, written
    with bulk_create (the factories would take minutes for a thousand)."""
    industries = list(Industry.objects.all()[:4])
    squads = [world.squad1, world.squad2]
    base = timezone.localdate() - datetime.timedelta(days=5)
    units = []
    for i in range(start, start + count):
        squad = squads[i % 2]
        units.append(
            Unit(
                name=f"批量单位{i:05d}",
                credit_code=valid_credit_code(10**7 + i),
                jurisdiction=world.county,
                squad=squad,
                scope_path=squad.path,
                status=STATUSES[i % len(STATUSES)],
                licence_expires_on=base + datetime.timedelta(days=i % 900),
            )
        )
    units = Unit.objects.bulk_create(units)
    Through = Unit.industries.through
    Through.objects.bulk_create(
        Through(unit_id=unit.pk, industry_id=industries[(n + k) % 4].pk)
        for n, unit in enumerate(units)
        for k in range(2)
    )
    Licence.objects.bulk_create(
        Licence(
            unit=unit,
            number=f"晋环辐证[Q{unit.pk:06d}]",
            authority="山西省生态环境厅",
            authority_level=AuthorityLevel.PROVINCE,
            scope="使用Ⅲ类射线装置",
            issued_on=unit.licence_expires_on - datetime.timedelta(days=1826),
            expires_on=unit.licence_expires_on,
        )
        for unit in units
    )


@pytest.mark.parametrize(
    ("role", "url_name", "params"),
    [
        ("bureau", "registry:unit-list", {}),
        ("bureau", "registry:unit-list", {"sort": "-licence_expires_on", "page": "2"}),
        ("bureau", "registry:unit-list", {"squad": "squad1", "industry": "irradiation"}),
        ("inspector1", "registry:unit-list", {"licence_expiring_within": "400", "q": "批量"}),
        ("bureau", "registry:licence-list", {}),
        ("unit1", "registry:licence-list", {"expires_after": "2024-06-01"}),
    ],
)
def test_list_pages_cost_the_same_for_10_and_1000_units(
    world,
    client_as,
    django_assert_max_num_queries,
    django_assert_num_queries,
    role,
    url_name,
    params,
):
    if "squad" in params:
        params = {**params, "squad": world.squad1.pk}
    LicenceFactory(unit=world.unit1, expires_on=timezone.localdate() + datetime.timedelta(days=9))
    client = client_as(role)
    url = reverse(url_name)
    add_units(world, 10, start=0)
    client.get(url, params)  # one-off caches (content types, session) are not the page's cost
    with django_assert_max_num_queries(MAX_QUERIES) as small:
        response = client.get(url, params)
    assert response.status_code == 200
    add_units(world, 990, start=10)
    with django_assert_num_queries(len(small.captured_queries)):
        response = client.get(url, params)
    assert response.status_code == 200
    assert response.context["table"].paginator.count > 0
