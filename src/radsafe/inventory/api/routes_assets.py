def register(router) -> None:
    """Routes for nuclides, sources, devices and storage sites."""
    from .assets import DeviceViewSet, NuclideViewSet, SourceViewSet, StorageSiteViewSet

    router.register("nuclides", NuclideViewSet, basename="nuclide")
    router.register("sources", SourceViewSet, basename="source")
    router.register("devices", DeviceViewSet, basename="device")
    router.register("storage-sites", StorageSiteViewSet, basename="storage-site")
