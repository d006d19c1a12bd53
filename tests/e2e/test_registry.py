"""The registry flows of the issue's acceptance list, in a real browser: log in, open the unit
list, filter it, create a unit (first with a bad credit code), export to Excel."""

import io
import itertools
import re

import openpyxl
import pytest
from playwright.sync_api import expect

from radsafe.registry.validators import credit_code_check_char

from .conftest import screenshot_dir

pytestmark = pytest.mark.e2e
_serial = itertools.count(1)


def list_count(page) -> int:
    heading = page.locator("h1").inner_text()
    return int(re.search(r"共\s*(\d+)", heading).group(1))


def test_bureau_filters_the_unit_list_by_status(login, page):
    login("bureau")
    page.click("nav >> text=单位")  # the drop-down
    page.click("nav .dropdown-menu >> text=单位名录")
    expect(page.locator("#unit-table")).to_be_visible()
    total = list_count(page)
    page.select_option("#id_status", label="长期停产")
    page.click("#unit-filter button[type=submit]")
    page.wait_for_load_state()
    assert "status=suspended" in page.url
    filtered = list_count(page)
    assert 0 < filtered < total
    rows = page.locator("#unit-table tbody tr")
    assert rows.count() == min(filtered, 25)
    for i in range(rows.count()):
        expect(rows.nth(i)).to_contain_text("长期停产")
    page.screenshot(path=screenshot_dir() / "unit-list-filtered.png", full_page=True)


def test_inspector_sees_only_his_squads_units(login, page):
    login("inspector1")
    page.goto("/registry/units/?per_page=100")
    rows = page.locator("#unit-table tbody tr")
    assert rows.count() > 0
    for i in range(rows.count()):
        expect(rows.nth(i)).to_contain_text("一中队")
        expect(rows.nth(i)).not_to_contain_text("二中队")


def test_bureau_creates_a_unit_after_fixing_a_bad_credit_code(login, page):
    login("bureau")
    page.goto("/registry/units/")
    page.click("#unit-create")
    first17 = f"91140881MA0E2E{next(_serial):03d}"
    good = first17 + credit_code_check_char(first17)
    bad = first17 + ("0" if good[-1] != "0" else "1")
    page.fill("#id_name", "端到端测试检测有限公司")
    page.fill("#id_credit_code", bad)
    page.locator("input[name=industries]").first.check()
    page.click("#unit-form button[type=submit]")
    page.wait_for_load_state()
    expect(page.locator(".invalid-feedback")).to_contain_text("校验位错误")
    assert page.url.endswith("/registry/units/new/")
    expect(page.locator("#id_name")).to_have_value("端到端测试检测有限公司")  # nothing lost
    page.fill("#id_credit_code", good)
    page.click("#unit-form button[type=submit]")
    page.wait_for_load_state()
    assert re.search(r"/registry/units/\d+/$", page.url), page.url
    expect(page.locator("h1")).to_contain_text("端到端测试检测有限公司")
    expect(page.locator("body")).to_contain_text(good)


def test_export_downloads_the_filtered_list_as_excel(login, page):
    login("bureau")
    page.goto("/registry/units/?licence_expired=true")
    expected = list_count(page)
    assert expected > 0
    with page.expect_download() as download_info:
        page.click("#unit-export")
    download = download_info.value
    assert download.suggested_filename.endswith(".xlsx")
    workbook = openpyxl.load_workbook(io.BytesIO(download.path().read_bytes()))
    sheet = workbook.active
    assert sheet.max_row - 1 == expected  # header + one row per unit
    header = [cell.value for cell in sheet[1]]
    assert "统一社会信用代码" in header


def test_unit_list_fits_a_phone(login, page):
    page.set_viewport_size({"width": 375, "height": 800})
    login("inspector1")
    page.goto("/registry/units/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    page.screenshot(path=screenshot_dir() / "unit-list-375.png", full_page=True)
