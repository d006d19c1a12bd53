"""The bench's generation and measurement at a tiny scale, in the test's own transaction. Only the
report's shape and counts are asserted: timings are the bench's business, never a test's."""

import pytest
from django.db import transaction

from radsafe.bench.cases import CASES, Case, unit_page
from radsafe.bench.data import credit_code, generate
from radsafe.bench.measure import format_table, percentile
from radsafe.bench.run import run_benchmark
from radsafe.registry.models import Licence, Unit
from radsafe.registry.validators import validate_credit_code

pytestmark = pytest.mark.django_db
MEASURED = {"name", "url", "p50_ms", "p95_ms", "queries", "floor_p50_ms", "ratio"}


def test_report_structure_at_thirty_units():
    report = run_benchmark(units=30, repeat=2)
    assert report["units"] == 30 == Unit.objects.count()
    assert report["database"] in {"sqlite", "postgresql"}
    assert [case["name"] for case in report["cases"]] == [case.name for case in CASES]
    measured = [case for case in report["cases"] if "skipped" not in case]
    assert measured, report["cases"]
    for case in measured:
        assert set(case) == MEASURED, case
        assert case["queries"] > 0, case
        assert case["url"].startswith("/")
        for key in ("p50_ms", "p95_ms", "floor_p50_ms"):
            assert isinstance(case[key], float) and case[key] >= 0, case
        assert case["p95_ms"] >= case["p50_ms"]
    for case in report["cases"]:
        if "skipped" in case:
            assert case["skipped"], case
    table = format_table(report)
    assert all(case["name"] in table for case in report["cases"])


def test_unresolvable_url_is_skipped_not_fatal():
    data = generate(5)
    from radsafe.bench.measure import run_cases

    missing = Case("not built yet", "registry:no-such-page", "county", unit_page())
    [result] = run_cases(data, repeat=1, cases=[missing])
    assert result == {
        "name": "not built yet",
        "url": None,
        "skipped": "registry:no-such-page not available",
    }
    assert "skipped: registry:no-such-page not available" in format_table(
        {"units": 5, "database": "sqlite", "repeat": 1, "cases": [result]}
    )


def test_generation_is_deterministic_and_consistent():
    data = generate(40)
    units = Unit.objects.filter(credit_code__startswith="9190")
    assert units.count() == 40 == Licence.objects.filter(unit__in=units).count()
    for unit in units.prefetch_related("industries", "licences"):
        assert unit.scope_path == unit.squad.path and unit.squad.parent_id == unit.jurisdiction_id
        assert unit.licence_expires_on == max(lic.expires_on for lic in unit.licences.all())
        assert 1 <= len(unit.industries.all()) <= 2
        validate_credit_code(unit.credit_code)
    assert credit_code(7) == credit_code(7) != credit_code(8)
    assert Unit.objects.for_user(data.users["county"]).count() == 40
    assert Unit.objects.for_user(data.users["province"]).count() == 40
    assert Unit.objects.get(pk=data.unit_id).squad_id == data.squad_id


def test_same_n_gives_the_same_rows():
    def snapshot():
        return list(
            Unit.objects.order_by("credit_code").values_list(
                "credit_code", "name", "status", "licence_expires_on", "scope_path"
            )
        )

    class Rollback(Exception):
        pass

    with pytest.raises(Rollback), transaction.atomic():
        generate(25)
        first = snapshot()
        raise Rollback
    generate(25)
    assert snapshot() == first and len(first) == 25


def test_percentile_interpolates_between_ranks():
    assert percentile([5.0], 0.95) == 5.0
    assert percentile([1.0, 2.0, 3.0, 4.0, 5.0], 0.5) == 3.0
    assert percentile([0.0, 10.0], 0.95) == pytest.approx(9.5)
