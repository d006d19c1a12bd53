"""The dose import in a real browser, on the demo county (issue 4 §3): unit1's officer uploads the
dosimetry service's file with one period above the investigation level, checks the preview and
confirms; the worker's page shows the flag. The bureau lead sees it among the unexplained flags
until unit1 writes the investigation note, and not after."""

import io
import re

import pytest
from django.utils import timezone
from openpyxl import Workbook
from playwright.sync_api import expect

from radsafe.core.id_numbers import mask_id_number
from radsafe.demo.people import DOSE_IMPORT_WORKER, dose_import_period

from .conftest import screenshot_dir
from .test_inventory import switch_to

pytestmark = pytest.mark.e2e

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# 30 days at 1.25 mSv a quarter: the investigation level is 0.41 mSv.
HP10 = "0.860"
NOTE = "本月集中开展冠脉介入手术，铅衣及铅帘使用已复核，调整排班后复测。"


def dosimetry_file(name: str, number: str, start, end) -> bytes:
    """As a dosimetry service writes it: its own headings, the ID number as text."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["姓名", "身份证号", "开始日期", "结束日期", "Hp(10)", "检测机构"])
    sheet.append([name, number, start, end, float(HP10), "山西省疾病预防控制中心"])
    sheet["B2"].number_format = "@"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def unexplained_flags(page, unit_id: int, name: str) -> list[str]:
    """The rows naming `name` on every page of the unexplained-flags list of the unit."""
    found: list[str] = []
    url: str | None = f"/personnel/doses/flags/?unit={unit_id}"
    while url:
        page.goto(url)
        found += page.locator("#dose-flags-table tbody tr", has_text=name).all_inner_texts()
        following = page.locator(".pagination a", has_text="下一页")
        url = (
            f"/personnel/doses/flags/{following.get_attribute('href')}"
            if following.count()
            else None
        )
    return found


def test_an_imported_dose_above_the_investigation_level_is_flagged_until_explained(login, page):
    name, number = DOSE_IMPORT_WORKER
    start, end = dose_import_period(timezone.localdate())
    login("unit1")
    page.click("nav >> text=导入")
    page.click("nav .dropdown-menu a[href='/personnel/import/doses/']")
    assert page.url.endswith("/personnel/import/doses/"), page.url
    page.set_input_files(
        "#id_file",
        files=[
            {
                "name": "剂量监测结果.xlsx",
                "mimeType": XLSX,
                "buffer": dosimetry_file(name, number, start, end),
            }
        ],
    )
    page.click("button:has-text('上传并预览')")
    page.wait_for_load_state()
    expect(page.locator("#count-create")).to_have_text("1")
    preview = page.locator("table", has_text="监测周期")
    expect(preview).to_contain_text(name)
    expect(preview).to_contain_text(mask_id_number(number))
    expect(preview).to_contain_text(f"{start:%Y-%m-%d} – {end:%Y-%m-%d}")
    assert number not in page.content()
    page.screenshot(path=screenshot_dir() / "dose-import-preview.png", full_page=True)
    page.click("button:has-text('确认导入')")
    page.wait_for_load_state()
    expect(page.locator(".alert-success")).to_contain_text("新增 1 条剂量记录")

    page.goto(f"/personnel/workers/?q={name}")
    page.locator("table a", has_text=name).first.click()
    page.wait_for_load_state()
    assert re.search(r"/personnel/workers/\d+/$", page.url), page.url
    worker_url = page.url
    unit_href = page.locator("#worker-fields a[href^='/registry/units/']").get_attribute("href")
    unit_id = int(re.search(r"/registry/units/(\d+)/", unit_href).group(1))
    flag = page.locator("#dose-flags tbody tr", has_text="超过调查水平")
    expect(flag).to_have_count(1)
    expect(flag).to_contain_text(HP10)

    switch_to(page=page, login=login, username="bureau")
    listed = unexplained_flags(page, unit_id, name)
    assert len(listed) == 1 and "超过调查水平" in listed[0], listed

    switch_to(page=page, login=login, username="unit1")
    page.goto(worker_url)
    flag = page.locator("#dose-flags tbody tr", has_text="超过调查水平")
    flag.locator("input[name=note]").fill(NOTE)
    flag.locator("button[type=submit]").click()
    page.wait_for_load_state()
    expect(page.locator("#dose-flags tbody tr", has_text="超过调查水平")).to_contain_text(NOTE)

    switch_to(page=page, login=login, username="bureau")
    assert unexplained_flags(page, unit_id, name) == []
