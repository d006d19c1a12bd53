"""Inventory Excel imports: units keep their own inventory, so unit officers import as well as the
bureau lead; inspectors, oversight and the administrators may not (capability inventory.import)."""

from . import Entry

IMPORTERS = {"bureau", "unit1", "unit2"}

ENTRIES: dict[str, Entry] = {
    f"inventory:{kind}-import{suffix}": entry
    for kind in ("source", "device", "movement")
    for suffix, entry in (
        ("", Entry(IMPORTERS)),
        ("-template", Entry(IMPORTERS)),
        ("-commit", Entry(IMPORTERS, method="post", ok=(200, 302, 400))),
    )
}
