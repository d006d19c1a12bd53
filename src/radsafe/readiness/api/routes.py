def register(router) -> None:
    """Routes for emergency plans, drills, instruments and equipment faults."""
    from radsafe.readiness.api.views import (
        DrillViewSet,
        FaultViewSet,
        InstrumentViewSet,
        PlanViewSet,
    )

    router.register("emergency-plans", PlanViewSet, basename="emergency-plan")
    router.register("drills", DrillViewSet, basename="drill")
    router.register("instruments", InstrumentViewSet, basename="instrument")
    router.register("equipment-faults", FaultViewSet, basename="equipment-fault")
