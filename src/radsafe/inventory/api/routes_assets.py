def register(router) -> None:
    """Routes for nuclides, sources, devices and storage sites (filled in by the assets work)."""
