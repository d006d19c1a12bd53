"""`wide_path_prefix`: a city's or a province's page of dose records is read through the index of
the list's order on SQLite (the path's range written on `+scope_path`), while counts, other orders
and narrow scopes keep the plain range; PostgreSQL keeps its LIKE. The rows are those of
`path_prefix` in every case. CI runs this file on both vendors."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from radsafe.core.choices import JurisdictionLevel, Role
from radsafe.inventory.models import Source
from radsafe.personnel.models import DoseRecord, Worker
from radsafe.personnel.selectors.doses import dose_list
from tests.factories import JurisdictionFactory, UnitFactory, UserFactory
from tests.personnel.factories import make_worker

pytestmark = pytest.mark.django_db

UNINDEXED = '+"personnel_doserecord"."scope_path" >= %s'
PLAIN = '("personnel_doserecord"."scope_path" >= %s'
LIKE = '"personnel_doserecord"."scope_path" LIKE %s'


def add_records(worker, n: int) -> None:
    first = datetime.date(2020, 1, 1)
    DoseRecord.objects.bulk_create(
        DoseRecord(
            worker=worker,
            unit_id=worker.unit_id,
            scope_path=worker.scope_path,
            period_start=first + datetime.timedelta(days=30 * i),
            period_end=first + datetime.timedelta(days=30 * i + 29),
            hp10_msv=Decimal("0.100"),
        )
        for i in range(n)
    )


@pytest.fixture
def records(world):
    """Records in both counties of the city and in a look-alike city coded 14080, whose path
    starts with the city's code but is not under it."""
    lookalike = JurisdictionFactory(
        code="14080", level=JurisdictionLevel.CITY, parent=world.province
    )
    for unit in (world.unit1, world.unit2, world.foreign_unit, UnitFactory(jurisdiction=lookalike)):
        add_records(make_worker(unit), 6)
    return DoseRecord.objects.all()


def sql(queryset) -> str:
    return queryset.query.sql_with_params()[0]


def count_sql(queryset) -> str:
    with CaptureQueriesContext(connection) as captured:
        queryset.count()
    return captured[-1]["sql"]


def test_a_city_reads_its_page_in_the_order_of_its_index(world, records):
    page = sql(dose_list(user=world.users["city"])[:25])
    if connection.vendor == "sqlite":
        assert UNINDEXED in page
        assert PLAIN not in page
    else:
        assert LIKE in page
        assert "+" not in page


def test_a_city_counts_through_the_path(world, records):
    captured = count_sql(dose_list(user=world.users["city"]))
    assert "+" not in captured
    assert ("LIKE" in captured) == (connection.vendor != "sqlite")


@pytest.mark.parametrize("name", ["bureau", "inspector1"])
def test_narrow_scopes_keep_the_path(world, records, name):
    page = sql(dose_list(user=world.users[name])[:25])
    assert (PLAIN in page) if connection.vendor == "sqlite" else (LIKE in page)
    assert "+" not in page


def test_another_order_keeps_the_path(world, records):
    page = sql(dose_list(user=world.users["city"]).order_by("hp10_msv", "id")[:25])
    assert "+" not in page


def test_other_copied_scopes_never_change(world, records):
    city = world.users["city"]
    for model in (Worker, Source):
        assert "+" not in sql(model.objects.for_user(city)[:25])


@pytest.mark.parametrize("level", [JurisdictionLevel.CITY, JurisdictionLevel.PROVINCE])
def test_the_rows_are_those_of_the_path(world, records, level):
    """Page, deeper page and count agree with the plain prefix, and the look-alike stays out."""
    jurisdiction = world.city if level == JurisdictionLevel.CITY else world.province
    user = UserFactory(role=Role.OVERSIGHT, jurisdiction=jurisdiction)
    plain = DoseRecord.objects.filter(scope_path__path_prefix=jurisdiction.path)
    wide = dose_list(user=user)
    assert "+" in sql(wide[:5]) or connection.vendor != "sqlite"
    assert list(wide[:5]) == list(plain[:5])
    assert list(wide[5:15]) == list(plain[5:15])
    assert wide.count() == plain.count() == (18 if level == JurisdictionLevel.CITY else 24)


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's plan; PostgreSQL weighs it")
def test_sqlite_walks_the_order_index_without_sorting(world, records):
    page, params = dose_list(user=world.users["city"])[:25].query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {page}", params)
        plan = " / ".join(str(row[-1]) for row in cursor.fetchall())
    assert "personnel_dose_period_idx" in plan
    assert "TEMP B-TREE" not in plan
