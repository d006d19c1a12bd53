"""Unit registry pages and import."""

from . import STAFF, UNIT1_SCOPE, VIEWERS, Entry, unit1, unit1_licence

ENTRIES: dict[str, Entry] = {
    "registry:unit-list": Entry(VIEWERS),
    "registry:unit-export": Entry(VIEWERS),
    "registry:unit-create": Entry(STAFF),
    "registry:unit-detail": Entry(VIEWERS, kwargs=unit1, scope=UNIT1_SCOPE),
    "registry:unit-edit": Entry(STAFF, kwargs=unit1, scope=UNIT1_SCOPE),
    "registry:unit-status": Entry(STAFF, kwargs=unit1, scope=UNIT1_SCOPE),
    "registry:licence-list": Entry(VIEWERS),
    "registry:licence-create": Entry(STAFF | {"unit1", "unit2"}, kwargs=unit1, scope=UNIT1_SCOPE),
    "registry:licence-edit": Entry(
        STAFF | {"unit1", "unit2"}, kwargs=unit1_licence, scope=UNIT1_SCOPE
    ),
    "registry:unit-import": Entry(STAFF),
    "registry:unit-import-template": Entry(STAFF),
    "registry:unit-import-commit": Entry(STAFF, method="post", ok=(200, 302, 400)),
}
