from .assets import DeviceType, RayDevice, Source, StorageSite
from .events import Incident, Movement, OffsiteUse, PhysicalCount, Transfer
from .nuclides import Nuclide

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
