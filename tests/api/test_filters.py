"""Each filter of the shared UnitFilterSet narrows the API list (same filterset as the page)."""

import datetime

import pytest
from django.utils import timezone

from radsafe.registry.models import Industry
from tests.factories import JurisdictionFactory, LicenceFactory, UnitFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def units(world):
    today = timezone.localdate()
    gauging = Industry.objects.get(code="gauging")
    made = {
        "expired": UnitFactory(
            name="过期料位计厂",
            jurisdiction=world.county,
            squad=world.squad1,
            industries=[gauging],
            licence_expires_on=today - datetime.timedelta(days=1),
        ),
        "expiring": UnitFactory(
            name="将到期医院",
            jurisdiction=world.county,
            squad=world.squad2,
            licence_expires_on=today + datetime.timedelta(days=10),
        ),
        "valid": UnitFactory(
            name="有效许可单位",
            jurisdiction=world.county,
            squad=world.squad2,
            licence_expires_on=today + datetime.timedelta(days=400),
        ),
        "bankrupt": UnitFactory(name="破产探伤公司", jurisdiction=world.county, status="bankrupt"),
    }
    return {**made, "unit1": world.unit1, "unit2": world.unit2}


def ids(client, query):
    response = client.get(f"/api/units/?{query}")
    assert response.status_code == 200, response.json()
    return {row["id"] for row in response.json()["results"]}


def expect(units, *keys):
    return {units[key].pk for key in keys}


def test_without_filters_the_bureau_sees_all_six(units, client_as):
    assert ids(client_as("bureau"), "") == expect(units, *units)


@pytest.mark.parametrize(
    ("query", "keys"),
    [
        ("q=探伤", ("unit2", "bankrupt")),
        ("squad={squad2}", ("unit2", "expiring", "valid")),
        ("industry=gauging", ("expired",)),
        ("status=bankrupt", ("bankrupt",)),
        ("licence_expiring_within=30", ("expiring",)),
        ("licence_expired=true", ("expired",)),
        ("licence_expired=false", ("expiring", "valid")),
        ("status=normal&squad={squad2}&licence_expiring_within=30", ("expiring",)),
    ],
)
def test_each_filter_narrows_the_list(world, units, client_as, query, keys):
    query = query.format(squad2=world.squad2.pk)
    assert ids(client_as("bureau"), query) == expect(units, *keys)


def test_search_matches_a_credit_code_prefix(units, client_as):
    code = units["valid"].credit_code
    assert ids(client_as("bureau"), f"q={code[:16]}") >= expect(units, "valid")
    assert ids(client_as("bureau"), f"q={code}") == expect(units, "valid")


def test_filters_stay_inside_the_scope(world, units, client_as):
    assert ids(client_as("inspector1"), "q=医院") == expect(units, "unit1")


def test_a_squad_outside_the_scope_cannot_be_probed(world, units, client_as):
    foreign_squad = JurisdictionFactory(code="140802-1", level="squad", parent=world.other_county)
    response = client_as("bureau").get(f"/api/units/?squad={foreign_squad.pk}")
    assert response.status_code == 400
    assert "squad" in response.json()
    response = client_as("inspector1").get(f"/api/units/?squad={world.squad2.pk}")
    assert response.status_code == 400


def test_invalid_filter_value_is_a_400(units, client_as):
    response = client_as("bureau").get("/api/units/?status=nonsense")
    assert response.status_code == 400
    assert "status" in response.json()


def test_ordering(units, client_as):
    response = client_as("bureau").get(
        "/api/units/?licence_expired=false&ordering=-licence_expires_on"
    )
    assert [row["id"] for row in response.json()["results"]] == [
        units["valid"].pk,
        units["expiring"].pk,
    ]
    response = client_as("bureau").get("/api/units/?ordering=credit_code")
    codes = [row["credit_code"] for row in response.json()["results"]]
    assert codes == sorted(codes)


def test_licence_filters(world, client_as):
    a = LicenceFactory(unit=world.unit1, number="晋环辐证[A001]", expires_on="2026-01-01")
    b = LicenceFactory(
        unit=world.unit2, number="运环辐证[B002]", authority_level="city", expires_on="2030-01-01"
    )
    client = client_as("bureau")

    def licence_ids(query):
        return {row["id"] for row in client.get(f"/api/licences/?{query}").json()["results"]}

    assert licence_ids(f"unit={world.unit1.pk}") == {a.pk}
    assert licence_ids("authority_level=city") == {b.pk}
    assert licence_ids("q=探伤") == {b.pk}
    assert licence_ids("expires_before=2027-01-01") == {a.pk}
    assert licence_ids("expires_after=2027-01-01") == {b.pk}
