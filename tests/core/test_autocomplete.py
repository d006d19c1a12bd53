"""Pickers over large tables (design.md rule 6): the search answers from the user's scope only, a
form renders only the chosen options whatever the scope holds, and a posted id outside the scope
is refused by the field."""

import pytest
from django.urls import reverse

from radsafe.core.web.autocomplete import RESULT_LIMIT
from radsafe.personnel.forms.workers import WorkerForm
from tests.factories import RayDeviceFactory, SourceFactory, UnitFactory

pytestmark = pytest.mark.django_db


def search(client, url_name: str, **params) -> list[str]:
    response = client.get(reverse(url_name), params)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    return [item["text"] for item in response.json()["results"]]


def test_unit_search_answers_from_the_scope_only(client_as, world):
    assert search(client_as("inspector1"), "registry:unit-autocomplete", q="永济") == [
        world.unit1.name
    ]
    assert search(client_as("bureau"), "registry:unit-autocomplete", q="永济") == sorted(
        [world.unit1.name, world.unit2.name]
    )
    assert search(client_as("unit2"), "registry:unit-autocomplete") == [world.unit2.name]
    # the foreign county's unit is not offered even by an exact name
    assert search(client_as("bureau"), "registry:unit-autocomplete", q="盐湖区医院") == []


def test_unit_search_matches_the_credit_code_and_caps_the_answer(client_as, world):
    found = search(client_as("bureau"), "registry:unit-autocomplete", q=world.unit2.credit_code)
    assert found == [world.unit2.name]
    for n in range(RESULT_LIMIT + 5):
        UnitFactory(name=f"永济诊所{n:02d}", jurisdiction=world.county, squad=world.squad1)
    response = client_as("bureau").get(reverse("registry:unit-autocomplete"), {"q": "诊所"})
    assert len(response.json()["results"]) == RESULT_LIMIT
    assert response.json()["more"] is True


def test_source_and_device_search_follow_the_forwarded_unit(client_as, world):
    own = SourceFactory(unit=world.unit1)
    other = SourceFactory(unit=world.unit2)
    device = RayDeviceFactory(unit=world.unit2, name="工业探伤机")
    client = client_as("bureau")
    both = search(client, "inventory:source-autocomplete")
    assert len(both) == 2
    only = search(client, "inventory:source-autocomplete", unit=world.unit1.pk)
    assert only == [f"{own.code} {own.nuclide.name_zh}（{world.unit1.name}）"]
    assert search(client, "inventory:source-autocomplete", unit="x") == both  # not a number
    assert search(client, "inventory:device-autocomplete", q="探伤", unit=world.unit2.pk) == [
        f"工业探伤机 {device.model}（{world.unit2.name}）".replace(" （", "（")
    ]
    assert search(client, "inventory:device-autocomplete", unit=world.unit1.pk) == []
    assert search(client_as("inspector1"), "inventory:source-autocomplete", q=other.code) == []


def test_the_worker_form_does_not_preload_the_scope(
    client_as, world, django_assert_max_num_queries
):
    for n in range(30):
        unit = UnitFactory(
            name=f"预载检查单位{n:02d}", jurisdiction=world.county, squad=world.squad1
        )
        SourceFactory(unit=unit)
        RayDeviceFactory(unit=unit)
    client = client_as("bureau")
    with django_assert_max_num_queries(12):
        page = client.get(reverse("personnel:worker-create")).content.decode()
    assert "预载检查单位" not in page
    assert 'data-autocomplete-url="/registry/units/autocomplete/"' in page
    assert 'data-autocomplete-forward="unit"' in page


def test_a_refused_form_keeps_what_was_chosen_and_a_foreign_id_is_refused(world):
    own = SourceFactory(unit=world.unit1)
    foreign = SourceFactory(unit=world.foreign_unit)
    bureau = world.users["bureau"]
    data = {"unit": world.unit1.pk, "name": "", "sources": [own.pk]}
    form = WorkerForm(data, user=bureau)
    assert not form.is_valid()
    html = str(form["sources"])
    assert f'<option value="{own.pk}" selected>' in html
    assert str(form["unit"]).count("<option") == 1  # the chosen unit, no other
    form = WorkerForm({**data, "sources": [foreign.pk]}, user=bureau)
    assert not form.is_valid()
    assert "sources" in form.errors


def test_the_source_form_searches_the_chosen_units_stores(client_as, world):
    from tests.factories import StorageSiteFactory

    own = StorageSiteFactory(unit=world.unit1, name="放射源库")
    StorageSiteFactory(unit=world.unit2, name="探伤源库")
    client = client_as("bureau")
    assert search(client, "inventory:site-autocomplete", unit=world.unit1.pk) == [
        f"{world.unit1.name} · {own.name}"
    ]
    page = client.get(reverse("inventory:source-create")).content.decode()
    assert "探伤源库" not in page and "放射源库" not in page
    assert 'data-autocomplete-url="/inventory/sites/autocomplete/"' in page
    assert search(client_as("inspector2"), "inventory:site-autocomplete", q="放射源库") == []
