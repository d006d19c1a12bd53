"""The REST API of the foundation: auth, schema, units and licences."""

from . import EVERYONE, STAFF, UNIT1_SCOPE, VIEWERS, Entry, unit1, unit1_licence

ENTRIES: dict[str, Entry] = {
    "api:token": Entry(EVERYONE, method="post", public=True, api=True, ok=(400,)),
    "api:schema": Entry(EVERYONE, api=True),
    "api:docs": Entry(EVERYONE, api=True),
    "api:unit-list": Entry(VIEWERS, api=True),
    "api:unit-detail": Entry(VIEWERS, kwargs=unit1, scope=UNIT1_SCOPE, api=True),
    "api:unit-status": Entry(
        STAFF, kwargs=unit1, scope=UNIT1_SCOPE, api=True, method="post", ok=(400,)
    ),
    "api:licence-list": Entry(VIEWERS, api=True),
    "api:licence-detail": Entry(VIEWERS, kwargs=unit1_licence, scope=UNIT1_SCOPE, api=True),
}
