"""The 工作台 in a real browser (issue 9): the demo bureau lead clicks 无证上岗 on the home page and
lands on the list that names 马卫东."""

import pytest
from playwright.sync_api import expect

from radsafe.demo.people_plan import UNLICENSED_NAME

pytestmark = pytest.mark.e2e


def test_the_bureau_lead_follows_unlicensed_from_the_workbench(login, page):
    login("bureau")
    item = page.locator('#workbench li[data-item="unlicensed"]')
    expect(item).to_contain_text("无证上岗人员")
    count = int(item.locator(".badge").inner_text())
    assert count >= 1
    item.locator("a").first.click()
    page.wait_for_load_state()
    assert page.url.endswith("/personnel/unlicensed/"), page.url
    expect(page.locator("main")).to_contain_text(UNLICENSED_NAME)
