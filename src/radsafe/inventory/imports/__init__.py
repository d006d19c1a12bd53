"""Excel imports of the inventory (issue 3 point 10): sources, ray devices and the movement
register, each a dry run with row errors and an all-or-nothing commit through the inventory
services, on the shared machinery of `radsafe.core.imports`."""

from radsafe.inventory.imports.devices import commit_device_import, plan_device_import
from radsafe.inventory.imports.movements import commit_movement_import, plan_movement_import
from radsafe.inventory.imports.sources import commit_source_import, plan_source_import

__all__ = [
    "commit_device_import",
    "commit_movement_import",
    "commit_source_import",
    "plan_device_import",
    "plan_movement_import",
    "plan_source_import",
]
