"""Dose flags are exact at their boundaries (issue 4 acceptance): a dose equal to a limit is not
flagged, the smallest recordable step above it (0.001 mSv) is. Pure computation, no database."""

import datetime
from decimal import Decimal
from types import SimpleNamespace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from radsafe.personnel.dose_flags import compute_flags

STEP = Decimal("0.001")
doses = st.decimals(min_value=0, max_value=200, places=3)


def record(pk, year, hp10, *, month=1, days=30, hp3=None, hp007=None):
    start = datetime.date(year, month, 1)
    return SimpleNamespace(
        pk=pk,
        period_start=start,
        period_end=start + datetime.timedelta(days=days - 1),
        hp10_msv=Decimal(hp10),
        hp3_msv=hp3,
        hp007_msv=hp007,
    )


def codes(records):
    return {(flag.code, flag.key) for flag in compute_flags(records)}


def split(total: Decimal, parts: int) -> list[Decimal]:
    """`total` over `parts` records whose sum is exactly `total` (3 decimal places)."""
    share = (total / parts).quantize(STEP, rounding="ROUND_DOWN")
    return [share] * (parts - 1) + [total - share * (parts - 1)]


@given(days=st.integers(1, 90), hp10=st.decimals(min_value=0, max_value=3, places=3))
def test_investigation_level_is_scaled_to_the_period(days, hp10):
    # 1.25 mSv × days / 91.25 = days / 73 mSv: flagged exactly when hp10 × 73 > days.
    flagged = ("investigation", "1") in codes([record(1, 2023, hp10, days=days)])
    assert flagged == (hp10 * 73 > days)


def test_investigation_level_boundary_for_73_days():
    assert not codes([record(1, 2023, "1.000", days=73)])  # level = exactly 1 mSv
    assert ("investigation", "1") in codes([record(1, 2023, "1.001", days=73)])


@given(extra=st.sampled_from([Decimal(0), STEP]), parts=st.integers(4, 12))
def test_annual_and_single_year_limits_are_exact(extra, parts):
    for code, limit in (("annual", Decimal(20)), ("single_year", Decimal(50))):
        records = [
            record(i, 2023, dose, month=i + 1) for i, dose in enumerate(split(limit + extra, parts))
        ]
        assert ((code, "2023") in codes(records)) == (extra > 0)


@given(extra=st.sampled_from([Decimal(0), STEP]), first=st.integers(2000, 2020))
def test_five_year_total_is_exact(extra, first):
    # 19.999… a year stays under the annual flag; the five years sum to 100 (+ extra).
    yearly = split(Decimal(100) + extra, 5)
    records = [record(i, first + i, dose) for i, dose in enumerate(yearly)]
    flagged = {key for code, key in codes(records) if code == "five_year"}
    assert flagged == ({f"{first}-{first + 4}"} if extra else set())


@given(extra=st.sampled_from([Decimal(0), STEP]), parts=st.integers(1, 12))
def test_lens_and_skin_limits_are_exact(extra, parts):
    lens = [
        record(i, 2023, "0", month=i + 1, hp3=dose)
        for i, dose in enumerate(split(Decimal(150) + extra, parts))
    ]
    skin = [
        record(i, 2023, "0", month=i + 1, hp007=dose)
        for i, dose in enumerate(split(Decimal(500) + extra, parts))
    ]
    assert (("lens", "2023") in codes(lens)) == (extra > 0)
    assert (("skin", "2023") in codes(skin)) == (extra > 0)


def test_a_record_counts_in_the_year_its_period_ends():
    across = record(1, 2022, "15", month=12, days=45)  # 2022-12-01 → 2023-01-14
    flags = codes([across, record(2, 2023, "5.001", month=3)])
    assert ("annual", "2023") in flags and ("annual", "2022") not in flags


def spans(*pairs):
    return [
        SimpleNamespace(
            pk=i,
            period_start=datetime.date.fromisoformat(a),
            period_end=datetime.date.fromisoformat(b),
            hp10_msv=Decimal(0),
            hp3_msv=None,
            hp007_msv=None,
        )
        for i, (a, b) in enumerate(pairs)
    ]


def gaps(records, today="2024-12-31", left_on=None):
    flags = compute_flags(
        records,
        employed_on=datetime.date(2024, 1, 1),
        left_on=left_on and datetime.date.fromisoformat(left_on),
        today=datetime.date.fromisoformat(today),
    )
    return [flag.key for flag in flags if flag.code == "gap"]


def test_gaps_name_the_first_uncovered_day_of_each_run():
    records = spans(("2024-01-01", "2024-03-31"), ("2024-04-10", "2024-06-30"))
    # 1–9 April uncovered; after 30 June nothing, and today less 90 days (2 October) is past.
    assert gaps(records) == ["2024-04-01", "2024-07-01"]


def test_gaps_are_looked_for_from_the_go_live_date_when_one_is_set(settings):
    records = spans(("2024-07-01", "2024-09-28"))
    assert gaps(records) == ["2024-01-01", "2024-09-29"]  # from hiring
    settings.RADSAFE_DOSE_GAPS_FROM = datetime.date(2024, 7, 1)
    assert gaps(records) == ["2024-09-29"]  # the system holds doses from 1 July only
    settings.RADSAFE_DOSE_GAPS_FROM = datetime.date(2023, 1, 1)  # before hiring: hiring counts
    assert gaps(records) == ["2024-01-01", "2024-09-29"]


def test_a_go_live_date_that_is_not_a_date_stops_the_start(monkeypatch):
    import importlib

    from django.core.exceptions import ImproperlyConfigured

    import radsafe.settings

    monkeypatch.setenv("RADSAFE_DOSE_GAPS_FROM", "2024-13-01")
    with pytest.raises(ImproperlyConfigured, match="RADSAFE_DOSE_GAPS_FROM"):
        importlib.reload(radsafe.settings)
    monkeypatch.setenv("RADSAFE_DOSE_GAPS_FROM", "2024-07-01")
    assert datetime.date(2024, 7, 1) == importlib.reload(radsafe.settings).RADSAFE_DOSE_GAPS_FROM
    monkeypatch.delenv("RADSAFE_DOSE_GAPS_FROM")
    importlib.reload(radsafe.settings)


def test_no_gap_for_a_covered_worker_or_the_running_period():
    records = spans(("2024-01-01", "2024-03-31"), ("2024-04-01", "2024-06-29"))
    # Until 27 September only the running period (at most 90 days before today) is unreported.
    assert gaps(records, today="2024-09-27") == []
    assert gaps(records, today="2024-09-28") == ["2024-06-30"]
    assert gaps(records, today="2025-06-01", left_on="2024-06-29") == []
