"""Reads on the inventory, with the physics applied (decay-corrected activity, current category)."""

import datetime
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone

from . import physics
from .choices import IncidentGrade
from .models import Nuclide, Source


@dataclass(frozen=True)
class SourceState:
    """A source's activity and category on one day."""

    at: datetime.date
    activity_bq: float
    ratio: float  # A/D
    category: int
    below_exemption: bool


def source_state(source: Source, at: datetime.date | None = None) -> SourceState:
    """Needs `source.nuclide` loaded (select_related) to cost no query."""
    at = at or timezone.localdate()
    nuclide: Nuclide = source.nuclide
    activity = physics.decayed_activity(
        source.activity_bq,
        nuclide.half_life_s,
        physics.elapsed_seconds(source.reference_date, at),
    )
    ratio = physics.ratio(activity, nuclide.d_value_tbq)
    return SourceState(
        at=at,
        activity_bq=activity,
        ratio=ratio,
        category=physics.category_for_ratio(ratio),
        below_exemption=nuclide.exemption_bq is not None and activity <= nuclide.exemption_bq,
    )


def incident_grade_for_category(category: int | None) -> int:
    """Loss of a Ⅰ/Ⅱ source is 重大, of a Ⅲ source 较大, of a Ⅳ/Ⅴ source 一般 (环发〔2006〕145号).
    特别重大 needs consequences (wide contamination, deaths) that a status change cannot know."""
    if category in (1, 2):
        return IncidentGrade.SERIOUS
    if category == 3:
        return IncidentGrade.LARGER
    return IncidentGrade.GENERAL


def source_list(*, user) -> QuerySet[Source]:
    return Source.objects.for_user(user).select_related("nuclide", "unit", "site")
