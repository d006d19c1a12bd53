"""Property tests of the decay and the categories (domain.md "Radioactive sources"): every nuclide
row the migration seeded decays as `radioactivedecay` says, the categories are exact at their
thresholds, and a site is judged by the sum of its sources' A/D."""

import datetime
import math
from decimal import Decimal

import pytest
import radioactivedecay as rd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from radsafe.inventory import physics
from radsafe.inventory.models import Nuclide, Source
from radsafe.inventory.selectors.assets import site_contents, source_state
from tests.factories import StorageSiteFactory

pytestmark = pytest.mark.django_db

REFERENCE = datetime.date(2000, 1, 1)
FIFTY_YEARS_DAYS = int(50 * 365.25)
# An activity below this is zero for every purpose; under it, exp2 works in subnormal floats
# (Pd-103 after 50 years is 2^-1074 of its start) and no float method keeps 9 digits.
PHYSICALLY_ZERO_BQ = 1e-290
EXAMPLES = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
# (threshold of A/D, category at it); just below it the source is one category less hazardous.
THRESHOLDS = [("1000", 1), ("10", 2), ("1", 3), ("0.01", 4)]


def all_nuclides() -> list[Nuclide]:
    nuclides = list(Nuclide.objects.order_by("symbol"))
    assert len(nuclides) >= 28  # the migration's table, not an empty database
    return nuclides


def expected_activity(nuclide: Nuclide, a0: float, seconds: float) -> float:
    inventory = rd.Inventory({nuclide.decay_symbol: a0}, "Bq")
    return inventory.decay(seconds, "s").activities("Bq")[nuclide.decay_symbol]


def test_half_lives_are_radioactivedecays_own():
    for nuclide in all_nuclides():
        assert nuclide.half_life_s == rd.Nuclide(nuclide.decay_symbol).half_life("s"), nuclide


@EXAMPLES
@given(
    a0=st.floats(min_value=1e3, max_value=1e16, allow_nan=False, allow_infinity=False),
    days=st.integers(min_value=0, max_value=FIFTY_YEARS_DAYS),
)
def test_decay_agrees_with_radioactivedecay_for_every_nuclide(a0, days):
    at = REFERENCE + datetime.timedelta(days=days)
    for nuclide in all_nuclides():
        source = Source(nuclide=nuclide, activity_bq=a0, reference_date=REFERENCE)
        state = source_state(source, at)
        expected = expected_activity(nuclide, a0, days * physics.SECONDS_PER_DAY)
        assert math.isclose(
            state.activity_bq, expected, rel_tol=1e-9, abs_tol=PHYSICALLY_ZERO_BQ
        ), (nuclide.symbol, a0, days, state.activity_bq, expected)
        assert state.ratio == pytest.approx(state.activity_bq / (nuclide.d_value_tbq * 1e12))
        assert state.category == physics.category_for_ratio(state.ratio)


def test_decay_is_exact_at_the_reference_date_and_halves_per_half_life():
    cobalt = Nuclide.objects.get(symbol="Co-60")
    source = Source(nuclide=cobalt, activity_bq=4e10, reference_date=REFERENCE)
    assert source_state(source, REFERENCE).activity_bq == 4e10
    half_life_days = cobalt.half_life_s / physics.SECONDS_PER_DAY
    later = REFERENCE + datetime.timedelta(days=round(2 * half_life_days))
    assert source_state(source, later).activity_bq == pytest.approx(1e10, rel=1e-3)


@pytest.mark.parametrize(("threshold", "category"), THRESHOLDS)
def test_category_for_ratio_is_exact_at_each_threshold(threshold, category):
    ratio = float(threshold)
    assert physics.category_for_ratio(ratio) == category
    assert physics.category_for_ratio(math.nextafter(ratio, 0)) == category + 1


@pytest.mark.parametrize(("threshold", "category"), THRESHOLDS)
def test_every_nuclide_is_categorised_exactly_at_its_thresholds(threshold, category):
    """The activity as a person would type it (threshold × D in decimal), on its reference date:
    exactly on the line is the more hazardous category, one float below it the next."""
    for nuclide in all_nuclides():
        activity = float(Decimal(threshold) * Decimal(repr(nuclide.d_value_tbq)) * 10**12)
        on_line = Source(nuclide=nuclide, activity_bq=activity, reference_date=REFERENCE)
        below = Source(
            nuclide=nuclide, activity_bq=math.nextafter(activity, 0), reference_date=REFERENCE
        )
        assert source_state(on_line, REFERENCE).category == category, nuclide.symbol
        assert source_state(below, REFERENCE).category == category + 1, nuclide.symbol


@given(ratio=st.floats(min_value=0, max_value=1e9, allow_nan=False))
def test_category_follows_the_62_table(ratio):
    expected = 1 if ratio >= 1000 else 2 if ratio >= 10 else 3 if ratio >= 1 else 4
    if ratio < 0.01:
        expected = 5
    assert physics.category_for_ratio(ratio) == expected


@EXAMPLES
@given(
    holdings=st.lists(
        st.tuples(
            st.integers(min_value=0, max_value=27),
            st.floats(min_value=1e4, max_value=1e15, allow_nan=False, allow_infinity=False),
        ),
        min_size=1,
        max_size=6,
    )
)
def test_a_sites_category_is_that_of_its_summed_ratio(world, holdings):
    nuclides = all_nuclides()
    site = StorageSiteFactory(unit=world.unit1)
    for n, (index, activity) in enumerate(holdings):
        Source.objects.create(
            code=f"01{10 + n:02d}XX{site.pk % 100000:05d}"[:11] + "N",
            nuclide=nuclides[index],
            activity_bq=activity,
            reference_date=REFERENCE,
            unit=world.unit1,
            scope_path=world.unit1.scope_path,
            site=site,
            status="stored",
        )
    at = datetime.date(2020, 6, 1)
    contents = site_contents(site, at)
    ratios = [source_state(item.source, at).ratio for item in contents.sources]
    assert len(contents.sources) == len(holdings)
    assert contents.ratio_sum == pytest.approx(math.fsum(ratios), rel=1e-12)
    assert contents.category == physics.category_for_ratio(contents.ratio_sum)


def test_two_category_iii_sources_kept_together_make_a_category_ii_site(world):
    """6 + 6 = 12 ≥ 10: each source alone is Ⅲ, the store holding both is judged Ⅱ."""
    cobalt = Nuclide.objects.get(symbol="Co-60")
    site = StorageSiteFactory(unit=world.unit1)
    today = datetime.date.today()
    for serial in (1, 2):
        Source.objects.create(
            code=f"0118CO{serial:05d}3",
            nuclide=cobalt,
            activity_bq=6 * 0.03e12,
            reference_date=today,
            unit=world.unit1,
            scope_path=world.unit1.scope_path,
            site=site,
            status="stored",
        )
    contents = site_contents(site, today)
    assert [source_state(i.source, today).category for i in contents.sources] == [3, 3]
    assert contents.ratio_sum == pytest.approx(12)
    assert contents.category == 2


def test_an_empty_site_has_no_category(world):
    contents = site_contents(StorageSiteFactory(unit=world.unit1))
    assert (contents.sources, contents.ratio_sum, contents.category) == ([], 0, None)
