"""Emergency readiness and equipment pages and API (issue 4 §4–§5)."""

from . import UNIT1_SCOPE, VIEWERS, Entry, unit1

# readiness.change: unit officers and the bureau lead.
KEEPERS = {"bureau", "unit1", "unit2"}


def _row(factory_name):
    def kwargs(world):
        from tests.readiness import factories

        return {"pk": getattr(factories, factory_name)(unit=world.unit1).pk}

    return kwargs


plan, supply, drill = _row("PlanFactory"), _row("SupplyFactory"), _row("DrillFactory")
instrument, fault = _row("InstrumentFactory"), _row("FaultFactory")

ENTRIES: dict[str, Entry] = {
    "readiness:overview": Entry(VIEWERS),
    "readiness:unit": Entry(VIEWERS, kwargs=unit1, scope=UNIT1_SCOPE),
    "readiness:plan-create": Entry(KEEPERS),
    "readiness:plan-edit": Entry(KEEPERS, kwargs=plan, scope=UNIT1_SCOPE),
    "readiness:supply-create": Entry(KEEPERS),
    "readiness:supply-edit": Entry(KEEPERS, kwargs=supply, scope=UNIT1_SCOPE),
    "readiness:drill-list": Entry(VIEWERS),
    "readiness:drill-create": Entry(KEEPERS),
    "readiness:drill-edit": Entry(KEEPERS, kwargs=drill, scope=UNIT1_SCOPE),
    "readiness:instrument-list": Entry(VIEWERS),
    "readiness:instrument-create": Entry(KEEPERS),
    "readiness:instrument-edit": Entry(KEEPERS, kwargs=instrument, scope=UNIT1_SCOPE),
    "readiness:fault-list": Entry(VIEWERS),
    "readiness:fault-create": Entry(KEEPERS),
    "readiness:fault-edit": Entry(KEEPERS, kwargs=fault, scope=UNIT1_SCOPE),
    "api:emergency-plan-list": Entry(VIEWERS, api=True),
    "api:emergency-plan-detail": Entry(VIEWERS, kwargs=plan, scope=UNIT1_SCOPE, api=True),
    "api:drill-list": Entry(VIEWERS, api=True),
    "api:drill-detail": Entry(VIEWERS, kwargs=drill, scope=UNIT1_SCOPE, api=True),
    "api:instrument-list": Entry(VIEWERS, api=True),
    "api:instrument-detail": Entry(VIEWERS, kwargs=instrument, scope=UNIT1_SCOPE, api=True),
    "api:equipment-fault-list": Entry(VIEWERS, api=True),
    "api:equipment-fault-detail": Entry(VIEWERS, kwargs=fault, scope=UNIT1_SCOPE, api=True),
}
