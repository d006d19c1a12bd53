"""Reads of emergency readiness and equipment, and the flags (issue 4 §4–§5).

Each flag is one query condition built from the deadline functions (design.md rule 4: overdue is
a query, not a loop), so the per-unit page, the lists and the bureau's list of units agree and the
bureau's list costs the same queries for ten units as for ten thousand."""

import datetime
from dataclasses import dataclass

from django.db.models import Exists, Max, OuterRef, Q, QuerySet

from radsafe.readiness.choices import DrillKind
from radsafe.readiness.deadlines import drill_cutoff, fault_cutoff, supply_check_cutoff
from radsafe.readiness.models import (
    Drill,
    EmergencyPlan,
    EmergencySupply,
    EquipmentFault,
    Instrument,
)
from radsafe.registry.models import Unit


# --- the conditions --------------------------------------------------------------------------
def recent_drill_q(today: datetime.date) -> Q:
    return Q(kind=DrillKind.DRILL, held_on__gte=drill_cutoff(today))


def stale_supply_q(today: datetime.date) -> Q:
    return Q(last_checked_on__isnull=True) | Q(last_checked_on__lt=supply_check_cutoff(today))


def overdue_instrument_q(today: datetime.date) -> Q:
    """In use, and never calibrated or past the last valid day (the due day itself is valid)."""
    return Q(in_use=True) & (Q(calibration_due__isnull=True) | Q(calibration_due__lt=today))


def sick_fault_q(today: datetime.date) -> Q:
    """带病运行: still open, the equipment stayed in use, open more than the allowed days."""
    return Q(repaired_on__isnull=True, stayed_in_use=True, reported_on__lt=fault_cutoff(today))


def open_fault_q() -> Q:
    return Q(repaired_on__isnull=True)


# --- lists -----------------------------------------------------------------------------------
def plan_list(*, user) -> QuerySet[EmergencyPlan]:
    return EmergencyPlan.objects.for_user(user).select_related("unit")


def supply_list(*, user) -> QuerySet[EmergencySupply]:
    return EmergencySupply.objects.for_user(user).select_related("unit")


def drill_list(*, user) -> QuerySet[Drill]:
    return Drill.objects.for_user(user).select_related("unit")


def instrument_list(*, user) -> QuerySet[Instrument]:
    return Instrument.objects.for_user(user).select_related("unit")


def fault_list(*, user) -> QuerySet[EquipmentFault]:
    return EquipmentFault.objects.for_user(user).select_related("unit", "device", "instrument")


# --- per unit --------------------------------------------------------------------------------
@dataclass(frozen=True)
class UnitReadiness:
    """What the unit's readiness page shows, with its flags."""

    plans: list
    supplies: list
    drills: list
    instruments: list
    faults: list
    last_drill_on: datetime.date | None
    no_plan: bool
    no_recent_drill: bool
    stale_supplies: int
    overdue_instruments: int
    sick_faults: int

    @property
    def flagged(self) -> bool:
        return bool(
            self.no_plan
            or self.no_recent_drill
            or self.stale_supplies
            or self.overdue_instruments
            or self.sick_faults
        )


RECENT_ROWS = 10  # drills and closed faults shown on the unit's page; the lists hold the rest


def unit_readiness(*, user, unit: Unit, today: datetime.date) -> UnitReadiness:
    """A fixed number of queries, whatever the unit holds."""
    plans = list(EmergencyPlan.objects.for_user(user).filter(unit=unit))
    supplies = list(EmergencySupply.objects.for_user(user).filter(unit=unit))
    drills = Drill.objects.for_user(user).filter(unit=unit)
    instruments = list(Instrument.objects.for_user(user).filter(unit=unit))
    faults = EquipmentFault.objects.for_user(user).filter(unit=unit)
    shown_faults = list(
        faults.filter(open_fault_q()).select_related("device", "instrument")
    ) + list(faults.exclude(open_fault_q()).select_related("device", "instrument")[:RECENT_ROWS])
    last_drill = drills.filter(kind=DrillKind.DRILL).aggregate(last=Max("held_on"))["last"]
    cutoff = supply_check_cutoff(today)
    return UnitReadiness(
        plans=plans,
        supplies=supplies,
        drills=list(drills[:RECENT_ROWS]),
        instruments=instruments,
        faults=shown_faults,
        last_drill_on=last_drill,
        no_plan=not plans,
        no_recent_drill=last_drill is None or last_drill < drill_cutoff(today),
        stale_supplies=sum(
            1 for s in supplies if s.last_checked_on is None or s.last_checked_on < cutoff
        ),
        overdue_instruments=sum(1 for i in instruments if instrument_overdue(i, today)),
        sick_faults=sum(1 for f in shown_faults if fault_sick(f, today)),
    )


def instrument_overdue(instrument: Instrument, today: datetime.date) -> bool:
    """The row-level twin of `overdue_instrument_q`, for rows already loaded."""
    due = instrument.calibration_due
    return instrument.in_use and (due is None or due < today)


def fault_sick(fault: EquipmentFault, today: datetime.date) -> bool:
    """The row-level twin of `sick_fault_q`, for rows already loaded."""
    return (
        fault.repaired_on is None
        and fault.stayed_in_use
        and fault.reported_on < fault_cutoff(today)
    )


# --- the bureau's list of units --------------------------------------------------------------
def unit_readiness_list(*, user, today: datetime.date) -> QuerySet[Unit]:
    """Units in the user's scope with one boolean per flag, each an EXISTS on an indexed table."""
    unit = OuterRef("pk")
    return (
        Unit.objects.for_user(user)
        .annotate(
            no_plan=~Exists(EmergencyPlan.objects.filter(unit=unit)),
            no_recent_drill=~Exists(Drill.objects.filter(recent_drill_q(today), unit=unit)),
            stale_supplies=Exists(EmergencySupply.objects.filter(stale_supply_q(today), unit=unit)),
            overdue_instruments=Exists(
                Instrument.objects.filter(overdue_instrument_q(today), unit=unit)
            ),
            sick_faults=Exists(EquipmentFault.objects.filter(sick_fault_q(today), unit=unit)),
        )
        .order_by("name", "id")
    )


def any_flag_q() -> Q:
    """On `unit_readiness_list`: units with at least one readiness flag."""
    return (
        Q(no_plan=True)
        | Q(no_recent_drill=True)
        | Q(stale_supplies=True)
        | Q(overdue_instruments=True)
        | Q(sick_faults=True)
    )
