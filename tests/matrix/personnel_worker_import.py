"""The worker import: whoever may register workers (worker.change: unit officers and the bureau
lead) may import the roster; inspectors, oversight and the administrators may not."""

from . import Entry

IMPORTERS = {"bureau", "unit1", "unit2"}

ENTRIES: dict[str, Entry] = {
    "personnel:worker-import": Entry(IMPORTERS),
    "personnel:worker-import-template": Entry(IMPORTERS),
    "personnel:worker-import-commit": Entry(IMPORTERS, method="post", ok=(200, 302, 400)),
}
