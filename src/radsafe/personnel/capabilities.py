"""What each role may do in this app (registered with `core.permissions` at start-up)."""

from radsafe.core.choices import Role
from radsafe.core.permissions import VIEWERS

R = Role

CAPABILITIES: dict[str, frozenset[str]] = {
    # Personnel (issue 4 §1–§2): units keep their workers and assessment results, the bureau lead
    # may correct them; only the bureau lead may see a clear ID number (each time audited).
    "worker.view": frozenset(VIEWERS),
    "worker.change": frozenset({R.UNIT_OFFICER, R.BUREAU_LEAD}),
    "worker.unmask": frozenset({R.BUREAU_LEAD}),
    "worker.export": frozenset(VIEWERS),
    # Personal dose (issue 4 §3): units record their workers' doses and explain flags; the bureau
    # lead may too; all viewers read.
    "dose.view": frozenset(VIEWERS),
    "dose.change": frozenset({R.UNIT_OFFICER, R.BUREAU_LEAD}),
    "dose.explain": frozenset({R.UNIT_OFFICER, R.BUREAU_LEAD}),
    "dose.export": frozenset(VIEWERS),
    # The dosimetry service's quarterly file, imported by the unit (or the bureau lead for it).
    "dose.import": frozenset({R.UNIT_OFFICER, R.BUREAU_LEAD}),
}
