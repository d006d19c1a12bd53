from radsafe.inventory.models.assets import DeviceType, RayDevice, Source, StorageSite
from radsafe.inventory.models.reference import Nuclide
from radsafe.inventory.models.register import (
    Incident,
    Movement,
    OffsiteUse,
    PhysicalCount,
    Transfer,
)

__all__ = [
    "DeviceType",
    "Incident",
    "Movement",
    "Nuclide",
    "OffsiteUse",
    "PhysicalCount",
    "RayDevice",
    "Source",
    "StorageSite",
    "Transfer",
]
