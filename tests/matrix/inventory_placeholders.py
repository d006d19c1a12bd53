"""Rows for the inventory placeholders; removed as the real pages land (their rows move to
inventory_assets.py / inventory_register.py)."""

from . import VIEWERS, Entry


def any_pk(world):
    return {"pk": 1}


ENTRIES: dict[str, Entry] = {
    "inventory:source-list": Entry(VIEWERS),
    "inventory:source-detail": Entry(VIEWERS, kwargs=any_pk),
    "inventory:source-checkout": Entry(VIEWERS, kwargs=any_pk),
    "inventory:source-return": Entry(VIEWERS, kwargs=any_pk),
    "inventory:source-status": Entry(VIEWERS, kwargs=any_pk),
    "inventory:transfer-create": Entry(VIEWERS),
    "inventory:movement-list": Entry(VIEWERS),
}
