"""The inventory's API routes: assets (nuclides, sources, devices, storage sites) and the register
(movements, off-site uses, transfers, incidents)."""


def register(router) -> None:
    from radsafe.inventory.api.views.assets import (
        DeviceViewSet,
        NuclideViewSet,
        SourceViewSet,
        StorageSiteViewSet,
    )
    from radsafe.inventory.api.views.register import (
        IncidentViewSet,
        MovementViewSet,
        OffsiteUseViewSet,
        TransferViewSet,
    )

    router.register("nuclides", NuclideViewSet, basename="nuclide")
    router.register("sources", SourceViewSet, basename="source")
    router.register("devices", DeviceViewSet, basename="device")
    router.register("storage-sites", StorageSiteViewSet, basename="storage-site")
    router.register("movements", MovementViewSet, basename="movement")
    router.register("offsite-uses", OffsiteUseViewSet, basename="offsite-use")
    router.register("transfers", TransferViewSet, basename="transfer")
    router.register("incidents", IncidentViewSet, basename="incident")
