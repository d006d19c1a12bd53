def register(router) -> None:
    """Routes for movements, off-site uses, transfers and incidents (register work)."""
    from .register import IncidentViewSet, MovementViewSet, OffsiteUseViewSet, TransferViewSet

    router.register("movements", MovementViewSet, basename="movement")
    router.register("offsite-uses", OffsiteUseViewSet, basename="offsite-use")
    router.register("transfers", TransferViewSet, basename="transfer")
    router.register("incidents", IncidentViewSet, basename="incident")
