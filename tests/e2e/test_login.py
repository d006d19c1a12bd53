import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e

ACCOUNTS = [
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


@pytest.mark.parametrize("username", ACCOUNTS)
def test_every_demo_account_logs_in(login, page, username):
    login(username)
    expect(page.locator("nav")).to_contain_text(username)
    expect(page.locator("html")).to_have_attribute("lang", "zh-hans")


def test_wrong_password_shows_chinese_error(login, page):
    login("bureau", "wrong-password")
    expect(page.locator(".alert-danger")).to_contain_text("用户名")
    assert page.url.endswith("/accounts/login/")


def test_phone_width_has_no_horizontal_scroll(browser, e2e_server, login, page):
    page.set_viewport_size({"width": 375, "height": 800})
    login("inspector1")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375
