"""Check-out by a registered worker in a real browser (issue 9 §3), on the demo county: the unit
officer of 华安 (unit2) registers a new worker through the worker form — hired, no assessment result
yet — and tries to check a source out to them: refused, with the reason (无证上岗). Then the same
source goes out to a worker of the unit with a valid result, and comes back."""

import re

import pytest
from playwright.sync_api import expect

from radsafe.core.id_numbers import id_check_character

from .conftest import screenshot_dir
from .test_inventory import open_stored_source, pick_qualified_worker, submit

pytestmark = pytest.mark.e2e

NEWCOMER = "吴未考"
FIRST17 = "14088119991231457"  # born 1999-12-31, order 457 (odd: a man)


def register_newcomer(page) -> None:
    page.goto("/personnel/workers/new/")
    page.fill("#id_name", NEWCOMER)
    page.fill("#id_id_number", FIRST17 + id_check_character(FIRST17))
    page.select_option("#id_sex", "male")
    page.fill("#id_post", "探伤工")
    page.select_option("#id_work_type", "flaw_detection")
    page.fill("#id_employed_on", "2024-01-02")
    page.click("main form button[type=submit]")
    page.wait_for_load_state()
    assert re.search(r"/personnel/workers/\d+/$", page.url), page.url


def test_unit2_cannot_check_out_to_a_worker_without_a_valid_result(login, page):
    login("unit2")
    register_newcomer(page)

    source_id = open_stored_source(page)
    detail = f"/inventory/sources/{source_id}/"
    page.click("#source-checkout")
    newcomer = page.locator("#id_worker option", has_text=NEWCOMER)
    expect(newcomer).to_contain_text("无有效考核成绩报告单")  # marked before anyone submits
    page.select_option("#id_worker", label=newcomer.inner_text())
    page.fill("#id_purpose", "厂区管道焊缝探伤")
    submit(page, "checkout-form")
    expect(page.locator("#checkout-form")).to_contain_text(
        f"领用人 {NEWCOMER} 没有有效的辐射安全考核成绩报告单（无证上岗）"
    )
    page.screenshot(path=screenshot_dir() / "checkout-refused-unqualified.png", full_page=True)
    page.goto(detail)
    expect(page.locator("#source-badges")).not_to_contain_text("已出库")

    page.click("#source-checkout")
    chosen = pick_qualified_worker(page)
    submit(page, "checkout-form")
    assert page.url.endswith(detail), page.url
    expect(page.locator(".alert-success")).to_contain_text("已登记出库")
    expect(page.locator("#source-badges")).to_contain_text("已出库")
    page.goto(f"/inventory/movements/?source={source_id}")
    expect(page.locator("#movement-table tbody tr").first).to_contain_text(chosen.split("（")[0])

    page.goto(detail)  # leave the source in its store for the other tests
    page.click("#source-return")
    submit(page, "return-form")
    expect(page.locator(".alert-success")).to_contain_text("已登记归还入库")
