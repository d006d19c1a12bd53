"""The permission matrix, split by area so each app's tests own their rows.

Each module in this package defines ENTRIES: {url name: Entry}; tests/test_permission_matrix.py
joins them and fails on any URL pattern that no module names."""

from collections.abc import Callable
from dataclasses import dataclass, field

ROLES = [
    "bureau",
    "inspector1",
    "inspector2",
    "unit1",
    "unit2",
    "city",
    "sysadmin",
    "secadmin",
    "auditor",
]
VIEWERS = {"bureau", "inspector1", "inspector2", "unit1", "unit2", "city"}
STAFF = {"bureau", "inspector1", "inspector2"}
EVERYONE = set(ROLES)


def unit1(world):
    return {"pk": world.unit1.pk}


def unit1_licence(world):
    from tests.factories import LicenceFactory

    return {"pk": LicenceFactory(unit=world.unit1).pk}


def some_user(world):
    return {"pk": world.users["unit2"].pk}


# Who can see the object passed in `kwargs` (for 404 expectations); None = not object-bound.
UNIT1_SCOPE = {"bureau", "inspector1", "unit1", "city"}


@dataclass(frozen=True)
class Entry:
    roles: set[str]
    kwargs: Callable | None = None
    scope: set[str] | None = None
    method: str = "get"
    ok: tuple[int, ...] = (200,)
    public: bool = False
    api: bool = False
    data: dict = field(default_factory=dict)
