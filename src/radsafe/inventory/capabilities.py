"""What each role may do in this app (registered with `core.permissions` at start-up)."""

from radsafe.core.choices import Role
from radsafe.core.permissions import BUREAU_STAFF, VIEWERS

R = Role

CAPABILITIES: dict[str, frozenset[str]] = {
    # Inventory (issue 3): units keep their own inventory and register; the bureau lead may
    # correct it; inspectors read their squad's and may record a physical count on site.
    "inventory.view": frozenset(VIEWERS),
    "inventory.export": frozenset(VIEWERS),
    "inventory.change": frozenset({R.UNIT_OFFICER, R.BUREAU_LEAD}),
    "inventory.import": frozenset({R.UNIT_OFFICER, R.BUREAU_LEAD}),
    "movement.record": frozenset({R.UNIT_OFFICER, R.BUREAU_LEAD}),
    "count.record": frozenset({R.UNIT_OFFICER, R.BUREAU_LEAD, R.INSPECTOR}),
    "transfer.create": frozenset({R.UNIT_OFFICER, R.BUREAU_LEAD}),
    "incident.view": frozenset(VIEWERS),
    "incident.close": frozenset(BUREAU_STAFF),
    "highrisk.view": frozenset({R.BUREAU_LEAD, R.INSPECTOR, R.OVERSIGHT}),
    "nuclide.view": frozenset(VIEWERS | {R.SYSADMIN}),
    "nuclide.change": frozenset({R.SYSADMIN}),
    # Other reference lists (ray-device types); read with "nuclide.view".
    "reference.change": frozenset({R.SYSADMIN}),
}
