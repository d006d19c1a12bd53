"""The shared page layer (`core/web`): every page that names an object in its URL loads it through
the one `ScopedObjectMixin`, so an id no row can have is a 404 — not a 500 from a database that
cannot compare it — on every such page, and `?unit=` of the create forms is bounded likewise."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

HUGE_IDS = (2**63, 10**20)


def _object_routes(patterns=None, namespace=""):
    """(url name, kwargs name) of every route with an <int:...> converter."""
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _object_routes(entry.url_patterns, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            converters = entry.pattern.converters
            if converters and all(type(c).__name__ == "IntConverter" for c in converters.values()):
                yield f"{namespace}{entry.name}", tuple(converters)


ROUTES = sorted(set(_object_routes()))


def test_the_walk_finds_the_object_pages():
    names = {name for name, _kwargs in ROUTES}
    assert {"registry:unit-detail", "inventory:source-detail", "personnel:worker-detail"} <= names


@pytest.mark.parametrize(("name", "kwargs"), ROUTES)
@pytest.mark.parametrize("huge", HUGE_IDS)
def test_an_id_beyond_any_row_is_a_404(client, world, name, kwargs, huge):
    user = world.users["bureau"] if not name.startswith("inventory:nuclide") else None
    if name.startswith(("inventory:nuclide-edit", "inventory:device-type-edit")):
        user = world.users["sysadmin"]
    client.force_login(user)
    url = reverse(name, kwargs=dict.fromkeys(kwargs, huge))
    response = client.get(url)
    if response.status_code == 405:  # a POST-only page: the same answer to a POST
        response = client.post(url)
    assert response.status_code in (403, 404), (url, response.status_code)


@pytest.mark.parametrize(
    "name",
    ["inventory:source-create", "inventory:device-create", "personnel:worker-create"],
)
def test_a_unit_preselected_by_an_overlong_id_is_ignored(client, world, name):
    client.force_login(world.users["bureau"])
    response = client.get(reverse(name), {"unit": "9" * 30})
    assert response.status_code == 200


@pytest.mark.parametrize(
    ("name", "param"),
    [("inventory:offsite-create", "source"), ("inventory:transfer-create", "source")],
)
@pytest.mark.parametrize("value", ["9" * 30, "0", "abc"])
def test_a_row_named_in_the_query_by_a_bad_id_is_ignored(client, world, name, param, value):
    client.force_login(world.users["bureau"])
    assert client.get(reverse(name), {param: value}).status_code == 200


@pytest.mark.parametrize(
    ("asked", "rows"), [("", 25), ("50", 50), ("100", 62), ("10000", 25), ("abc", 25), ("-1", 25)]
)
def test_a_list_page_holds_25_50_or_100_rows_and_nothing_else(client, world, asked, rows):
    from tests.factories import UnitFactory

    UnitFactory.create_batch(60, jurisdiction=world.county, squad=world.squad1)
    client.force_login(world.users["bureau"])
    response = client.get(reverse("registry:unit-list"), {"per_page": asked} if asked else {})
    assert response.status_code == 200
    assert len(response.context["table"].page.object_list) == rows
    html = response.content.decode()
    assert "每页" in html and 'class="page-sizes' in html
    if rows != 62:  # one page holds them all at 100: the links then stay, no page number
        assert "per_page=100" in html


@pytest.mark.parametrize("page", ["abc", "-1", "0", "99", str(10**20)])
def test_a_page_number_outside_the_list_shows_its_first_or_last_page(client, world, page):
    from tests.factories import UnitFactory

    UnitFactory.create_batch(30, jurisdiction=world.county, squad=world.squad1)
    client.force_login(world.users["bureau"])
    response = client.get(reverse("registry:unit-list"), {"page": page})
    assert response.status_code == 200
    expected = 2 if page in ("99", str(10**20)) else 1
    assert response.context["table"].page.number == expected


def test_the_favicon_is_served_not_a_404(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].endswith("core/favicon.svg")
    assert client.get(response["Location"]).status_code == 200
