"""Scope paths compare byte by byte on both vendors (`ScopePathField`), so PostgreSQL in a
language's collation still answers a scope's LIKE 'path%' from the path's plain index, and the
lists sorted by path come out in the same order on SQLite and PostgreSQL. The PostgreSQL tests run
in CI's PostgreSQL pass; the rest on both vendors."""

import pytest
from django.core.management import call_command
from django.db import connection

from radsafe.core.choices import JurisdictionLevel
from radsafe.core.scoping import ScopePathField
from radsafe.inventory.models import RayDevice, Source
from radsafe.inventory.selectors.assets import source_list
from radsafe.personnel.models import DoseRecord, Worker
from radsafe.registry.models import Unit
from tests.factories import JurisdictionFactory, SourceFactory, UnitFactory

pytestmark = pytest.mark.django_db

SCOPED = [Unit, Source, RayDevice, Worker, DoseRecord]
postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="collations and EXPLAIN of PostgreSQL"
)


def test_every_scope_path_is_a_scope_path_field():
    for model in SCOPED:
        assert isinstance(model._meta.get_field("scope_path"), ScopePathField), model


def test_collation_c_on_postgresql_only():
    field = Source._meta.get_field("scope_path")
    expected = "C" if connection.vendor == "postgresql" else None
    assert field.db_parameters(connection)["collation"] == expected
    assert field.deconstruct()[1] == "radsafe.core.scoping.ScopePathField"


def test_models_and_migrations_agree():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


def test_the_database_orders_paths_as_python_does(world):
    """'-' sorts before '/' in bytes; a language's collation ignores both and would put a county's
    squads after it, or the look-alike county 1408810 inside 140881."""
    lookalike = JurisdictionFactory(
        code="1408810", level=JurisdictionLevel.COUNTY, parent=world.city
    )
    UnitFactory(jurisdiction=world.county)  # besides the world's units in both squads
    UnitFactory(jurisdiction=lookalike)
    paths = list(Unit.objects.order_by("scope_path", "id").values_list("scope_path", flat=True))
    assert len(set(paths)) >= 5
    assert paths == sorted(paths)


def _plan_nodes(node):
    yield node
    for child in node.get("Plans", []):
        yield from _plan_nodes(child)


@postgresql_only
def test_scope_path_columns_are_collated_c():
    tables = [model._meta.db_table for model in SCOPED]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT table_name, collation_name FROM information_schema.columns"
            " WHERE column_name = 'scope_path' AND table_name = ANY(%s)",
            [tables],
        )
        collations = dict(cursor.fetchall())
    assert collations == dict.fromkeys(tables, "C")


@postgresql_only
def test_a_scoped_source_list_reads_the_path_index(world):
    """With sequential scans priced out, the planner shows whether any index can bound the scope:
    in a non-C column the path would only be a filter over the whole (scope_path, code) index."""
    for unit in (world.unit1, world.unit2, world.foreign_unit):
        SourceFactory.create_batch(3, unit=unit)
    sql, params = source_list(user=world.users["city"])[:25].query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")  # the test's transaction ends it
        cursor.execute("EXPLAIN (FORMAT JSON) " + sql, params)
        plan = cursor.fetchone()[0]
    nodes = list(_plan_nodes(plan[0]["Plan"]))
    table = Source._meta.db_table
    assert not [n for n in nodes if n["Node Type"] == "Seq Scan" and n["Relation Name"] == table]
    bounded = [
        n
        for n in nodes
        if n.get("Relation Name") == table and "scope_path" in n.get("Index Cond", "")
    ]
    assert bounded, plan
