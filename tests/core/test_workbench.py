"""The 工作台 (issue 9): every number on it is the row count of the list it links to, for every
role on the demo county; a unit officer reads its own tasks; the home page's queries do not grow
with the data."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from radsafe.core.home import WORK_ITEMS, work_items
from radsafe.core.models import User
from radsafe.core.permissions import CAPABILITIES, has_capability
from radsafe.demo.county import build_demo
from radsafe.demo.people_plan import UNLICENSED_NAME
from tests.factories import LicenceFactory, SourceFactory, UnitFactory
from tests.personnel.factories import make_worker

pytestmark = pytest.mark.django_db

STAFF = ("bureau", "inspector1", "inspector2", "unit1", "unit2", "city")


@pytest.fixture
def demo():
    return build_demo(today=timezone.localdate())


def list_count(response) -> int:
    """The row count of a list page: its paginator's, as the page shows it."""
    context = response.context
    if context.get("page_obj") is not None:
        return context["page_obj"].paginator.count
    return context["table"].paginator.count


def home_entries(client, user):
    client.force_login(user)
    response = client.get(reverse("home"))
    assert response.status_code == 200
    return response, {entry.item.key: entry for entry in response.context["workbench"].items}


@pytest.mark.parametrize("username", STAFF)
def test_every_number_is_the_row_count_of_its_list(demo, client, username):
    user = User.objects.get(username=username)
    response, entries = home_entries(client, user)
    html = response.content.decode()
    expected = {item.key for item in work_items() if has_capability(user, item.capability)}
    assert set(entries) == expected
    for key, entry in entries.items():
        assert f'href="{entry.url}"'.replace("&", "&amp;") in html, key
        listing = client.get(entry.url)
        assert listing.status_code == 200, key
        assert list_count(listing) == entry.count, (username, key)


def test_the_demo_has_something_on_each_staff_item(demo, client):
    _, entries = home_entries(client, User.objects.get(username="bureau"))
    nonzero = {key for key, entry in entries.items() if entry.count}
    # What the demo county seeds: at least these read non-zero for its bureau lead.
    assert {"unlicensed", "offsite_unfiled", "high_risk", "licence_expired"} <= nonzero


def test_a_unit_officer_reads_its_own_unfiled_offsite_checkout(demo, client):
    response, entries = home_entries(client, User.objects.get(username="unit2"))
    assert response.context["workbench"].mode == "unit"
    entry = entries["offsite_unfiled"]
    assert entry.count >= 1
    html = response.content.decode()
    assert f"本单位有 {entry.count} 条异地使用未备案的出库" in html
    # Non-zero items come first, then the zero ones (muted, folded away).
    counts = [entry.count for entry in response.context["workbench"].items]
    assert counts == sorted(counts, key=lambda n: n == 0)


def test_an_item_is_shown_only_with_its_capability(demo, client):
    unit1 = User.objects.get(username="unit1")
    assert not has_capability(unit1, "highrisk.view")
    response, entries = home_entries(client, unit1)
    assert "high_risk" not in entries  # a unit officer may not open the high-risk list
    assert reverse("inventory:high-risk") not in response.content.decode()
    for admin in ("sysadmin", "secadmin", "auditor"):
        client.force_login(User.objects.get(username=admin))
        response = client.get(reverse("home"))
        assert response.context["workbench"] is None
        assert "unlicensed" not in response.content.decode()


def test_the_city_sees_each_county_with_links_narrowed_to_it(demo, client):
    city = User.objects.get(username="city")
    response, _entries = home_entries(client, city)
    workbench = response.context["workbench"]
    assert workbench.mode == "oversight"
    assert [row.county for row in workbench.counties] == [demo.county]
    (row,) = workbench.counties
    for entry, (number, url) in zip(workbench.columns, row.cells, strict=True):
        assert number == entry.count, entry.item.key  # one county: its row is the total
        if url is None:
            continue
        assert f"within={demo.county.pk}" in url
        assert list_count(client.get(url)) == number, entry.item.key


def test_the_bureau_lead_reads_the_unlicensed_worker(demo, client):
    _, entries = home_entries(client, User.objects.get(username="bureau"))
    listing = client.get(entries["unlicensed"].url)
    assert UNLICENSED_NAME in listing.content.decode()


def test_every_item_names_a_registered_capability():
    assert len(work_items()) == len(WORK_ITEMS) >= 12
    for item in work_items():
        assert item.capability in CAPABILITIES, item.key


# --- the query budget -----------------------------------------------------------------------


def _grow(world, n: int) -> None:
    """n units in each squad (a lapsed licence, 长期停产), each with a worker and a source."""
    for squad in (world.squad1, world.squad2):
        for _ in range(n):
            unit = UnitFactory(jurisdiction=world.county, squad=squad, status="suspended")
            LicenceFactory(unit=unit, expires_on=timezone.localdate() - datetime.timedelta(1))
            SourceFactory(unit=unit)
            make_worker(unit)


@pytest.mark.parametrize("username", ["bureau", "unit1", "city"])
def test_home_queries_do_not_grow_with_the_data(
    world, client_as, django_assert_max_num_queries, username
):
    _grow(world, 2)
    client = client_as(username)
    client.get(reverse("home"))  # warm the session and the caches
    with django_assert_max_num_queries(40) as small:
        client.get(reverse("home"))
    _grow(world, 20)
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(reverse("home"))
