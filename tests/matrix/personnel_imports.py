"""The dose import: units import their dosimetry service's file, the bureau lead may import it for
a unit; inspectors, oversight and the administrators may not (capability dose.import)."""

from . import Entry

IMPORTERS = {"bureau", "unit1", "unit2"}

ENTRIES: dict[str, Entry] = {
    "personnel:dose-import": Entry(IMPORTERS),
    "personnel:dose-import-template": Entry(IMPORTERS),
    "personnel:dose-import-commit": Entry(IMPORTERS, method="post", ok=(200, 302, 400)),
}
