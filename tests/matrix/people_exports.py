"""Excel exports of the personnel and readiness lists (worker.export, dose.export,
readiness.export: every viewer), and the correction of a dose record (dose.change)."""

from . import UNIT1_SCOPE, VIEWERS, Entry
from .personnel import KEEPERS, unit1_dose

ENTRIES: dict[str, Entry] = {
    "personnel:worker-export": Entry(VIEWERS),
    "personnel:dose-export": Entry(VIEWERS),
    "personnel:dose-edit": Entry(KEEPERS, kwargs=unit1_dose, scope=UNIT1_SCOPE),
    "readiness:overview-export": Entry(VIEWERS),
    "readiness:drill-export": Entry(VIEWERS),
    "readiness:instrument-export": Entry(VIEWERS),
    "readiness:fault-export": Entry(VIEWERS),
}
