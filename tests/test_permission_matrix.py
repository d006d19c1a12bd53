"""Every URL × every role (design.md rule 2, issue: "every URL × every role is tested").

MATRIX names, for each URL pattern, which roles may use it and which object it is asked about;
the test expects 403 for every other role, 404 for an allowed role whose scope does not hold the
object, and a login redirect (pages) or 401/403 (API) for anonymous visitors. A URL pattern that is
not in MATRIX fails the suite, so a new page cannot ship without deciding who may open it."""

from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

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


MATRIX: dict[str, Entry] = {
    "home": Entry(EVERYONE),
    "login": Entry(EVERYONE, public=True, ok=(200, 302)),
    "logout": Entry(EVERYONE, method="post", public=True, ok=(302,)),
    "password_change": Entry(EVERYONE),
    "set_language": Entry(EVERYONE, method="post", public=True, ok=(302,), data={"language": "en"}),
    "account-list": Entry({"sysadmin", "secadmin"}),
    "account-unlock": Entry({"secadmin"}, kwargs=some_user, method="post", ok=(302,)),
    "audit-list": Entry({"auditor"}),
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


def url_names(resolver: URLResolver | None = None, prefix: str = "") -> set[str]:
    resolver = resolver or get_resolver()
    names = set()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            namespace = f"{prefix}{pattern.namespace}:" if pattern.namespace else prefix
            names |= url_names(pattern, namespace)
        elif isinstance(pattern, URLPattern):
            if pattern.name is None:
                raise AssertionError(f"URL pattern {pattern.pattern} has no name")
            names.add(f"{prefix}{pattern.name}")
    return names


def test_every_url_pattern_is_in_the_matrix():
    missing = url_names() - MATRIX.keys()
    assert not missing, f"URL patterns without a permission-matrix entry: {sorted(missing)}"


def test_matrix_names_only_existing_urls():
    stale = MATRIX.keys() - url_names()
    assert not stale, f"matrix entries for URLs that no longer exist: {sorted(stale)}"


def expected_status(entry: Entry, role: str | None) -> tuple[int, ...]:
    if role is None:
        if entry.public:
            return entry.ok
        return (401, 403) if entry.api else (302,)
    if role not in entry.roles:
        return (403,)
    if entry.scope is not None and role not in entry.scope:
        return (404,)
    return entry.ok


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(MATRIX))
@pytest.mark.parametrize("role", [*ROLES, None], ids=[*ROLES, "anonymous"])
def test_url_role(client, world, name, role):
    entry = MATRIX[name]
    url = reverse(name, kwargs=entry.kwargs(world) if entry.kwargs else None)
    if role is not None:
        client.force_login(world.users[role])
    response = getattr(client, entry.method)(url, entry.data)
    assert response.status_code in expected_status(entry, role), (
        f"{role} {entry.method.upper()} {url} → {response.status_code}"
    )
    if role is None and not entry.public and not entry.api:
        assert response["Location"].startswith(reverse("login"))
    if response.status_code == 200 and "text/html" in response.get("Content-Type", ""):
        html = response.content.decode()
        for marker in ('src="http', "src='http", 'href="http', "url(http", "//cdn"):
            assert marker not in html, f"{url} references an outside resource ({marker})"
