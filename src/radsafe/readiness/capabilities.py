"""What each role may do in this app (registered with `core.permissions` at start-up)."""

from radsafe.core.choices import Role
from radsafe.core.permissions import VIEWERS

R = Role

CAPABILITIES: dict[str, frozenset[str]] = {
    # Emergency readiness and equipment (issue 4 §4–§5): units keep their own plan, supplies,
    # drills, instruments and faults; the bureau lead may correct them; all viewers read.
    "readiness.view": frozenset(VIEWERS),
    "readiness.change": frozenset({R.UNIT_OFFICER, R.BUREAU_LEAD}),
    "readiness.export": frozenset(VIEWERS),
}
