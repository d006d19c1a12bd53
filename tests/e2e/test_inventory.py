"""The movement register in a real browser, on the demo county: the unit officer of 华安 (unit2)
checks a source out and returns it; the inspector of its squad (inspector2) sees both movements;
a source marked lost puts a red banner on every bureau page until the bureau closes the incident."""

import re

import pytest
from playwright.sync_api import expect

from .conftest import screenshot_dir

pytestmark = pytest.mark.e2e

IN_STORE = "/inventory/sources/?status=stored&is_checked_out=false"


def open_stored_source(page, nth: int = 0) -> int:
    """Open the nth source of the unit that is in its store; returns its id."""
    page.goto(IN_STORE)
    page.locator("#source-table tbody tr").nth(nth).locator("a").first.click()
    page.wait_for_load_state()
    match = re.search(r"/inventory/sources/(\d+)/$", page.url)
    assert match, page.url
    return int(match.group(1))


def switch_to(login, page, username: str) -> None:
    """Log out (the login page sends a signed-in user away), then log in as `username`."""
    page.goto("/")
    page.click("nav form button[type=submit]")
    page.wait_for_load_state()
    login(username)


def pick_qualified_worker(page) -> str:
    """Choose the first 领用人 the check-out form offers with a valid assessment result."""
    options = page.locator("#id_worker option")
    for label in options.all_inner_texts():
        if label.strip() and "-----" not in label and "无有效考核成绩报告单" not in label:
            page.select_option("#id_worker", label=label)
            return label
    raise AssertionError(f"no qualified worker offered: {options.all_inner_texts()}")


def submit(page, form_id: str) -> None:
    page.click(f"#{form_id} button[type=submit]")
    page.wait_for_load_state()


def test_unit_officer_checks_out_and_returns_and_the_inspector_sees_both(login, page):
    login("unit2")
    source_id = open_stored_source(page)
    detail = f"/inventory/sources/{source_id}/"
    page.click("#source-checkout")
    pick_qualified_worker(page)
    page.fill("#id_purpose", "厂区管道焊缝探伤")
    page.fill("#id_destination", "永济市电机大街热力站")
    submit(page, "checkout-form")
    assert page.url.endswith(detail), page.url
    expect(page.locator(".alert-success")).to_contain_text("已登记出库")
    expect(page.locator("#source-badges")).to_contain_text("已出库")

    expect(page.locator("#source-checkout")).to_have_count(0)  # out: only a return is offered
    page.click("#source-return")
    submit(page, "return-form")
    assert page.url.endswith(detail), page.url
    expect(page.locator(".alert-success")).to_contain_text("已登记归还入库")
    expect(page.locator("#source-badges")).not_to_contain_text("已出库")

    switch_to(login, page, "inspector2")
    page.goto(f"/inventory/movements/?source={source_id}")
    rows = page.locator("#movement-table tbody tr")
    expect(rows.first).to_contain_text("归还入库")
    expect(rows.nth(1)).to_contain_text("出库")
    expect(rows.nth(1)).to_contain_text("永济市电机大街热力站")
    page.screenshot(path=screenshot_dir() / "movement-list-inspector.png", full_page=True)
    page.set_viewport_size({"width": 375, "height": 800})  # an inspector's phone on site
    page.reload()
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    page.screenshot(path=screenshot_dir() / "movement-list-375.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})

    switch_to(login, page, "inspector1")  # another squad: the source's register is not his to see
    page.goto(f"/inventory/movements/?source={source_id}")
    expect(page.locator("#movement-table")).to_contain_text("没有符合条件的出入库记录")


def test_a_source_marked_lost_shows_red_for_the_bureau_until_closed(login, page):
    login("bureau")
    page.goto("/")
    expect(page.locator("#incident-banner")).to_have_count(0)

    switch_to(login, page, "unit2")
    open_stored_source(page, nth=1)
    code = page.locator("h1 .font-monospace").inner_text()
    page.click("#source-status")
    page.select_option("#id_to_status", label="丢失")
    page.fill("#id_place", "虞乡镇工业园区γ源暂存库")
    page.fill("#id_description", "交接班核对时发现源容器不在库内")
    submit(page, "status-form")
    assert re.search(r"/inventory/incidents/\d+/$", page.url), page.url
    expect(page.locator("#incident-status")).to_contain_text("处置中")

    switch_to(login, page, "bureau")
    for path in ("/", "/registry/units/", "/inventory/sources/"):
        page.goto(path)
        banner = page.locator("#incident-banner")
        expect(banner).to_be_visible()
        expect(banner).to_contain_text("有 1 起辐射事故尚未结案")
    red, green, blue = (
        int(n)
        for n in re.findall(
            r"\d+", banner.evaluate("element => getComputedStyle(element).backgroundColor")
        )[:3]
    )
    assert red > green and red > blue, (red, green, blue)
    page.screenshot(path=screenshot_dir() / "incident-banner.png", full_page=True)

    banner.locator("a").click()
    page.wait_for_load_state()
    page.locator("#incident-table tbody tr").first.locator("a").first.click()
    page.wait_for_load_state()
    expect(page.locator("#first-report")).to_contain_text(code)
    expect(page.locator("#first-report")).to_contain_text("丢失")
    page.click("#incident-close")
    page.fill("#id_closing_note", "已在公司院内找回，经检测源容器完好")
    submit(page, "incident-close-form")
    expect(page.locator("#incident-status")).to_contain_text("已结案")
    page.goto("/")
    expect(page.locator("#incident-banner")).to_have_count(0)
