"""Asset pages and API: sources, ray devices, storage sites, nuclides, category changes, the
high-risk list."""

from . import STAFF, UNIT1_SCOPE, VIEWERS, Entry

# inventory.change: unit officers and the bureau lead.
KEEPERS = {"bureau", "unit1", "unit2"}
# highrisk.view: the bureau's staff and the oversight.
HIGH_RISK = STAFF | {"city"}
NUCLIDE_READERS = VIEWERS | {"sysadmin"}


def unit1_source(world):
    from tests.factories import SourceFactory

    return {"pk": SourceFactory(unit=world.unit1).pk}


def unit1_device(world):
    from tests.factories import RayDeviceFactory

    return {"pk": RayDeviceFactory(unit=world.unit1).pk}


def unit1_site(world):
    from tests.factories import StorageSiteFactory

    return {"pk": StorageSiteFactory(unit=world.unit1).pk}


def xray_type(world):
    from tests.factories import device_type

    return {"pk": device_type("医用诊断X射线机").pk}


def cobalt(world):
    from tests.factories import nuclide

    return {"pk": nuclide("Co-60").pk}


ENTRIES: dict[str, Entry] = {
    "inventory:source-list": Entry(VIEWERS),
    "inventory:source-create": Entry(KEEPERS),
    "inventory:source-export": Entry(VIEWERS),
    "inventory:category-changes": Entry(VIEWERS),
    "inventory:source-detail": Entry(VIEWERS, kwargs=unit1_source, scope=UNIT1_SCOPE),
    "inventory:source-edit": Entry(KEEPERS, kwargs=unit1_source, scope=UNIT1_SCOPE),
    "inventory:source-label": Entry(VIEWERS, kwargs=unit1_source, scope=UNIT1_SCOPE),
    "inventory:device-list": Entry(VIEWERS),
    "inventory:device-create": Entry(KEEPERS),
    "inventory:device-export": Entry(VIEWERS),
    "inventory:device-detail": Entry(VIEWERS, kwargs=unit1_device, scope=UNIT1_SCOPE),
    "inventory:device-edit": Entry(KEEPERS, kwargs=unit1_device, scope=UNIT1_SCOPE),
    "inventory:site-list": Entry(VIEWERS),
    "inventory:site-create": Entry(KEEPERS),
    "inventory:site-detail": Entry(VIEWERS, kwargs=unit1_site, scope=UNIT1_SCOPE),
    "inventory:site-edit": Entry(KEEPERS, kwargs=unit1_site, scope=UNIT1_SCOPE),
    "inventory:nuclide-list": Entry(NUCLIDE_READERS),
    "inventory:nuclide-edit": Entry({"sysadmin"}, kwargs=cobalt),
    # The ray-device type list: read like the nuclides, kept by the system administrator.
    "inventory:device-type-list": Entry(NUCLIDE_READERS),
    "inventory:device-type-create": Entry({"sysadmin"}),
    "inventory:device-type-edit": Entry({"sysadmin"}, kwargs=xray_type),
    "inventory:high-risk": Entry(HIGH_RISK),
    "api:nuclide-list": Entry(NUCLIDE_READERS, api=True),
    "api:nuclide-detail": Entry(NUCLIDE_READERS, kwargs=cobalt, api=True),
    "api:source-list": Entry(VIEWERS, api=True),
    "api:source-detail": Entry(VIEWERS, kwargs=unit1_source, scope=UNIT1_SCOPE, api=True),
    "api:device-list": Entry(VIEWERS, api=True),
    "api:device-detail": Entry(VIEWERS, kwargs=unit1_device, scope=UNIT1_SCOPE, api=True),
    "api:storage-site-list": Entry(VIEWERS, api=True),
    "api:storage-site-detail": Entry(VIEWERS, kwargs=unit1_site, scope=UNIT1_SCOPE, api=True),
}
