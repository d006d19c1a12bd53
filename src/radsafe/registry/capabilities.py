"""What each role may do in this app (registered with `core.permissions` at start-up)."""

from radsafe.core.choices import Role
from radsafe.core.permissions import BUREAU_STAFF, VIEWERS

R = Role

CAPABILITIES: dict[str, frozenset[str]] = {
    "unit.view": frozenset(VIEWERS),
    "unit.export": frozenset(VIEWERS),
    "unit.create": frozenset(BUREAU_STAFF),
    "unit.change": frozenset(BUREAU_STAFF),
    "unit.change_status": frozenset(BUREAU_STAFF),
    "unit.import": frozenset(BUREAU_STAFF),
    "licence.view": frozenset(VIEWERS),
    "licence.change": frozenset(BUREAU_STAFF | {R.UNIT_OFFICER}),
}
