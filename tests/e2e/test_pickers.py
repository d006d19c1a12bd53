"""The search pickers (core/autocomplete.py) in a real browser: the bureau lead registers a worker
by finding the unit by name and then a device of that unit, without the form listing the county."""

import pytest
from playwright.sync_api import expect

from radsafe.core.id_numbers import id_check_character
from radsafe.demo.units import UNIT2_NAME

pytestmark = pytest.mark.e2e


def test_bureau_picks_the_unit_then_one_of_its_devices(login, page):
    login("bureau")
    page.goto("/personnel/workers/new/")
    expect(page.locator("#id_unit")).to_be_hidden()  # the select stays, the search box shows
    page.fill("#id_unit-search", "华安")
    page.locator("#id_unit-results button", has_text=UNIT2_NAME).click()
    expect(page.locator("#id_unit-search")).to_have_value(UNIT2_NAME)

    page.click("#id_devices-search")
    results = page.locator("#id_devices-results button")
    expect(results.first).to_be_visible()
    offered = results.all_inner_texts()
    assert offered and all(UNIT2_NAME in text for text in offered), offered
    device = offered[0]
    results.first.click()
    expect(page.locator("#id_devices").locator("option:checked")).to_have_count(1)

    first17 = "14088119900101123"
    page.fill("#id_name", "郑浏览")
    page.fill("#id_id_number", first17 + id_check_character(first17))
    page.select_option("#id_sex", index=1)
    page.select_option("#id_work_type", index=1)
    page.fill("#id_employed_on", "2024-01-02")
    page.click("main form button[type=submit]")
    page.wait_for_load_state()
    assert "/personnel/workers/" in page.url and not page.url.endswith("/new/"), page.url
    expect(page.locator("body")).to_contain_text(UNIT2_NAME)
    expect(page.locator("body")).to_contain_text(device.split("（")[0].strip())
