"""API of emergency readiness and equipment. Rows come from the same selectors as the pages
(`for_user`), writes go through the same services; nothing is deleted (a repair date closes a
fault, `in_use` retires an instrument)."""

from radsafe.core.api.viewsets import WriteViewSet, crud_capabilities, crud_schema
from radsafe.readiness import selectors
from radsafe.readiness.api.serializers import (
    DrillSerializer,
    FaultSerializer,
    InstrumentSerializer,
    PlanSerializer,
)
from radsafe.readiness.filtersets import (
    DrillFilterSet,
    FaultFilterSet,
    InstrumentFilterSet,
    PlanFilterSet,
)

CAPABILITIES = crud_capabilities(view="readiness.view", change="readiness.change")


@crud_schema("应急预案")
class PlanViewSet(WriteViewSet):
    selector = staticmethod(selectors.plan_list)
    serializer_class = PlanSerializer
    filterset_class = PlanFilterSet
    ordering_fields = ["id", "issued_on", "unit__name"]
    required_capabilities = CAPABILITIES


@crud_schema("应急演练/培训")
class DrillViewSet(WriteViewSet):
    selector = staticmethod(selectors.drill_list)
    serializer_class = DrillSerializer
    filterset_class = DrillFilterSet
    ordering_fields = ["id", "held_on", "unit__name"]
    required_capabilities = CAPABILITIES


@crud_schema("监测仪器")
class InstrumentViewSet(WriteViewSet):
    selector = staticmethod(selectors.instrument_list)
    serializer_class = InstrumentSerializer
    filterset_class = InstrumentFilterSet
    ordering_fields = ["id", "calibration_due", "unit__name"]
    required_capabilities = CAPABILITIES


@crud_schema("设备故障")
class FaultViewSet(WriteViewSet):
    selector = staticmethod(selectors.fault_list)
    serializer_class = FaultSerializer
    filterset_class = FaultFilterSet
    ordering_fields = ["id", "reported_on", "repaired_on", "unit__name"]
    required_capabilities = CAPABILITIES
