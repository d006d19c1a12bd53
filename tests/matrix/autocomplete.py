"""The pickers' searches: whoever may read the list may search it (answers are scoped)."""

from . import VIEWERS, Entry

ENTRIES = {
    "registry:unit-autocomplete": Entry(VIEWERS),
    "inventory:source-autocomplete": Entry(VIEWERS),
    "inventory:device-autocomplete": Entry(VIEWERS),
}
ENTRIES["inventory:site-autocomplete"] = Entry(VIEWERS)
