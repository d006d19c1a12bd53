"""Big imports through the background worker, in a real browser against the real server and a real
`db_worker` (README "Background jobs"), on the demo county.

unit1's officer registers 500 workers through the worker import (below the job threshold: written
by the request, as before). Then a 50,000-row dose file — 100 monthly periods for each, ending
before today, none overlapping — is previewed, confirmed and written by the worker while the
page's progress bar moves to 100 %; the dose list then counts 50,000 more records. A second file
(40 earlier periods each, 20,000 rows) is confirmed and its worker killed with SIGKILL while it
writes: nothing is written, the page shows the job failed, and after a new worker starts,
重新运行 writes it all; the audit chain verifies.

The workers are hired 60 days ago, so the monitoring-gap rule (from hiring to 90 days ago) finds
nothing, and 0.1 mSv a month is far below every level: the demo's planted flags stay the only
ones. Each test prints its durations (shown with `-rA`); the README quotes them."""

import datetime
import json
import re
import time

import pytest
from openpyxl import Workbook
from playwright.sync_api import expect

from radsafe.core.id_numbers import id_check_character

from .conftest import screenshot_dir

pytestmark = pytest.mark.e2e

WORKERS = 500
PERIOD_DAYS = 30
BIG_PERIODS = range(0, 100)  # 500 × 100 = 50,000 rows: the last 100 months
KILL_PERIODS = range(100, 140)  # 500 × 40 = 20,000 rows: the 40 months before them
DOSE_HEADERS = ["姓名", "身份证号码", "监测开始日期", "监测结束日期", "Hp(10)（mSv）"]
WORKER_HEADERS = ["姓名", "身份证号码", "工作类别", "入职日期"]
SLOW = 600_000  # ms: a 50,000-row dry run and commit on a shared 2-core machine


def number(n: int) -> str:
    """Valid numbers of Beijing (110105), far from the demo's county (140881)."""
    first17 = f"11010519900101{n:03d}"
    return first17 + id_check_character(first17)


def name(n: int) -> str:
    return f"作业员{n:03d}"


def period(k: int) -> tuple[datetime.date, datetime.date]:
    """Period k counts back from yesterday: k = 0 ends yesterday, 30 days each, none overlapping."""
    end = datetime.date.today() - datetime.timedelta(days=1 + PERIOD_DAYS * k)
    return end - datetime.timedelta(days=PERIOD_DAYS - 1), end


def write_xlsx(path, headers: list[str], rows) -> str:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("数据")
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return str(path)


def dose_file(path, periods: range) -> str:
    rows = (
        [name(n), number(n), *period(k), 0.1] for n in range(WORKERS) for k in periods
    )  # dates as Excel dates, the ID number as text
    return write_xlsx(path, DOSE_HEADERS, rows)


def upload(page, url: str, file: str) -> None:
    page.goto(url)
    page.set_input_files("#id_file", file)
    page.click("button:has-text('上传并预览')")
    page.wait_for_load_state(timeout=SLOW)


def dose_count(page) -> int:
    page.goto("/personnel/doses/")
    heading = page.locator("h1").inner_text()
    return int(re.search(r"共\s*(\d+)", heading).group(1))


def job_status(page) -> tuple[str, int]:
    job = page.locator("#import-job")
    value = job.locator("[role=progressbar]").get_attribute("aria-valuenow")
    return job.get_attribute("data-status"), int(value)


def watch(page, until: set[str], timeout: float = SLOW / 1000) -> list[int]:
    """The progress bar's values as the page's own polling changes them, until the job ends."""
    seen: list[int] = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        status, value = job_status(page)
        if not seen or seen[-1] != value:
            seen.append(value)
        if status in until:
            return seen
        time.sleep(0.25)
    raise AssertionError(f"the job did not end within {timeout} s; the bar showed {seen}")


@pytest.fixture(scope="module")
def roster(e2e_stack, browser, tmp_path_factory):
    """500 workers of unit1, through the worker import in the browser: a file below the job
    threshold is still written by the request that confirms it."""
    folder = tmp_path_factory.mktemp("roster")
    hired = datetime.date.today() - datetime.timedelta(days=60)
    rows = ([name(n), number(n), "X射线诊断", hired] for n in range(WORKERS))
    file = write_xlsx(folder / "人员台账.xlsx", WORKER_HEADERS, rows)
    context = browser.new_context(base_url=e2e_stack.base_url, locale="zh-CN")
    page = context.new_page()
    page.set_default_timeout(SLOW)
    login_as(page, "unit1")
    upload(page, "/personnel/import/workers/", file)
    expect(page.locator("#count-create")).to_have_text(str(WORKERS))
    page.click("button:has-text('确认导入')")
    page.wait_for_load_state()
    assert page.url.endswith("/personnel/workers/"), page.url  # no job: the request wrote it
    expect(page.locator(".alert-success")).to_contain_text(f"新增 {WORKERS} 名人员")
    context.close()
    return folder


def login_as(page, username: str) -> None:
    from .conftest import DEMO_PASSWORD

    page.goto("/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_load_state()


def test_a_50000_row_dose_file_is_written_by_the_worker_with_a_moving_progress_bar(
    roster, login, page
):
    file = dose_file(roster / "剂量-50000.xlsx", BIG_PERIODS)
    login("unit1")
    page.set_default_timeout(SLOW)
    before = dose_count(page)

    started = time.monotonic()
    upload(page, "/personnel/import/doses/", file)
    expect(page.locator("#count-create")).to_have_text("50000")
    expect(page.locator("#import-background")).to_be_visible()
    previewed = time.monotonic()
    page.click("button:has-text('确认导入')")
    page.wait_for_url(re.compile(r"/imports/jobs/\d+/$"))
    confirmed = time.monotonic()
    seen = watch(page, until={"done", "failed"})
    finished = time.monotonic()
    page.screenshot(path=screenshot_dir() / "import-job-done.png", full_page=True)

    assert job_status(page) == ("done", 100), page.locator("#import-job").inner_text()
    assert seen[-1] == 100 and any(0 < value < 100 for value in seen), seen
    assert seen == sorted(seen), seen  # it only moves forward
    expect(page.locator("#job-result")).to_contain_text("新增 50000 条剂量记录")
    assert dose_count(page) == before + 50_000
    print(
        f"\n50,000-row dose import: preview {previewed - started:.1f} s, "
        f"confirmation {confirmed - previewed:.1f} s, job {finished - confirmed:.1f} s; "
        f"bar {seen}"
    )


def test_a_worker_killed_while_writing_leaves_nothing_and_the_job_runs_again(
    roster, e2e_stack, login, page
):
    file = dose_file(roster / "剂量-20000.xlsx", KILL_PERIODS)
    login("unit1")
    page.set_default_timeout(SLOW)
    before = dose_count(page)
    upload(page, "/personnel/import/doses/", file)
    expect(page.locator("#count-create")).to_have_text("20000")
    page.click("button:has-text('确认导入')")
    page.wait_for_url(re.compile(r"/imports/jobs/\d+/$"))
    job_url = page.url
    job_id = int(re.search(r"/imports/jobs/(\d+)/$", job_url).group(1))

    state = wait_for_writing(e2e_stack.data_dir / "media" / "jobs" / f"import-{job_id}")
    e2e_stack.kill_worker()  # SIGKILL, in the middle of the one transaction
    killed = time.monotonic()

    assert dose_count(page) == before  # nothing of it is visible: it was never committed
    page.goto(job_url)
    assert watch(page, until={"failed"}, timeout=60)[-1] < 100
    shown_failed = time.monotonic()
    expect(page.locator("#job-result")).to_contain_text("任务中断")
    expect(page.locator("#job-result")).to_contain_text("未写入任何数据")
    page.screenshot(path=screenshot_dir() / "import-job-killed.png", full_page=True)
    assert dose_count(page) == before

    e2e_stack.start_worker()
    page.goto(job_url)
    page.click("#job-rerun")
    page.wait_for_load_state()
    seen = watch(page, until={"done", "failed"})
    assert job_status(page) == ("done", 100), page.locator("#import-job").inner_text()
    expect(page.locator("#job-result")).to_contain_text("新增 20000 条剂量记录")
    assert dose_count(page) == before + 20_000

    verified = e2e_stack.manage("audit_verify")
    assert verified.returncode == 0, verified.stdout + verified.stderr
    print(
        f"\nkilled at {state}; shown failed {shown_failed - killed:.1f} s later; "
        f"the rerun's bar {seen}"
    )


def newest_beat(folder) -> dict:
    """As core.jobs.heartbeat.read_beat reads it, from the server's media folder."""
    for path in sorted(folder.glob("*.json"), reverse=True):
        try:
            return json.loads(path.read_text())
        except (OSError, ValueError):
            continue
    return {}


def wait_for_writing(folder, timeout: float = 300) -> dict:
    """The job's heartbeat once it reports rows written (the commit's writing phase)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        state = newest_beat(folder)
        if state.get("phase") == "writing" and state.get("done", 0) > 0:
            return state
        time.sleep(0.05)
    raise AssertionError(f"the job never reported rows written; last beat {state}")
