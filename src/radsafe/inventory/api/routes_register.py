def register(router) -> None:
    """Routes for movements, off-site uses, transfers and incidents (register work)."""
