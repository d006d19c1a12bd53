"""Decay and categorisation (domain.md "Radioactive sources"). Pure functions over numbers, so the
property tests can hold them against `radioactivedecay` and the thresholds exactly.

A(t) = A₀ · 2^(−Δt / T½); category by A/D: Ⅰ ≥ 1000, Ⅱ ≥ 10, Ⅲ ≥ 1, Ⅳ ≥ 0.01, else Ⅴ
(原环保总局公告2005年第62号). Sources kept together are judged by the sum of their A/D."""

import datetime
import math
from collections.abc import Iterable

SECONDS_PER_DAY = 86_400.0
TBQ = 1e12
# (lower bound of A/D, category): checked from the most hazardous down.
CATEGORY_THRESHOLDS: tuple[tuple[float, int], ...] = ((1000.0, 1), (10.0, 2), (1.0, 3), (0.01, 4))
ROMAN = {1: "Ⅰ", 2: "Ⅱ", 3: "Ⅲ", 4: "Ⅳ", 5: "Ⅴ"}


def decayed_activity(a0_bq: float, half_life_s: float, elapsed_s: float) -> float:
    """Activity after `elapsed_s` seconds (negative: before the reference time)."""
    return a0_bq * math.exp2(-elapsed_s / half_life_s)


def elapsed_seconds(reference: datetime.date, at: datetime.date) -> float:
    return (at - reference).days * SECONDS_PER_DAY


def category_for_ratio(ratio: float) -> int:
    """Category 1–5 for A/D (or ΣA/D). Exact at the boundaries: a ratio equal to a threshold
    belongs to the more hazardous category."""
    for lower, category in CATEGORY_THRESHOLDS:
        if ratio >= lower:
            return category
    return 5


def ratio(activity_bq: float, d_value_tbq: float) -> float:
    return activity_bq / (d_value_tbq * TBQ)


def aggregate_category(pairs: Iterable[tuple[float, float]]) -> tuple[float, int | None]:
    """ΣA/D and its category for sources kept together; `pairs` are (activity Bq, D in TBq).
    An empty site has no category."""
    total = sum(ratio(activity, d) for activity, d in pairs)
    return total, (category_for_ratio(total) if total > 0 else None)
