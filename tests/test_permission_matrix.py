"""Every URL × every role (design.md rule 2, issue: "every URL × every role is tested").

MATRIX names, for each URL pattern, which roles may use it and which object it is asked about;
the test expects 403 for every other role, 404 for an allowed role whose scope does not hold the
object, and a login redirect (pages) or 401/403 (API) for anonymous visitors. A URL pattern that is
not in MATRIX fails the suite, so a new page cannot ship without deciding who may open it."""

import importlib
import pkgutil

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

import tests.matrix
from tests.matrix import ROLES, Entry


def _collect() -> dict[str, Entry]:
    matrix: dict[str, Entry] = {}
    for module_info in pkgutil.iter_modules(tests.matrix.__path__):
        entries = importlib.import_module(f"tests.matrix.{module_info.name}").ENTRIES
        duplicated = matrix.keys() & entries.keys()
        assert not duplicated, f"{module_info.name} repeats matrix rows: {sorted(duplicated)}"
        matrix.update(entries)
    return matrix


MATRIX = _collect()


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
