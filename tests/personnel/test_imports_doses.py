"""The dose import (issue 4 §3 and its acceptance): a dry run that names every bad row in Chinese
by its Excel row number and changes nothing, a commit that writes all rows or none through the
bulk service with one audit event per record, scope by unit, re-import without change, the
preview's fingerprint, a 10,000-row file, and the pages. Files are built here with openpyxl and
the headers written out, so a change to the file format fails a test."""

import datetime
import functools
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from radsafe.core.audit import audit_chain_breaks
from radsafe.core.id_numbers import mask_id_number
from radsafe.core.imports import ImportRejected, validate_upload
from radsafe.core.models import AuditEvent
from radsafe.personnel.imports.doses import COLUMNS
from radsafe.personnel.imports.specs import DOSE_IMPORT
from radsafe.personnel.models import DoseRecord
from radsafe.personnel.services.doses import dose_record_create
from radsafe.personnel.services.workers import worker_update
from tests.leak_scan import ISSUED

from .factories import id_number, make_worker

pytestmark = pytest.mark.django_db
D = datetime.date

HEADERS = [
    "单位统一社会信用代码",
    "姓名*",
    "身份证号码*",
    "监测开始日期*",
    "监测结束日期*",
    "Hp(10)（mSv）*",
    "Hp(3)（mSv）",
    "Hp(0.07)（mSv）",
    "剂量监测机构",
]
SERVICE = "山西省职业病防治研究院"


def xlsx_bytes(rows: list[dict], headers: list[str] = HEADERS) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(headers)
    for values in rows:
        sheet.append([values.get(header.rstrip("*")) for header in headers])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def sheet_of(rows: list[dict], headers: list[str] = HEADERS):
    return validate_upload(
        SimpleUploadedFile("dose.xlsx", xlsx_bytes(rows, headers)), columns=COLUMNS
    )


Q1 = (D(2024, 1, 1), D(2024, 3, 30))  # 90 days: 2024 is a leap year


def line(worker, number: str, start=Q1[0], end=Q1[1], **overrides) -> dict:
    values = {
        "单位统一社会信用代码": "",
        "姓名": worker.name,
        "身份证号码": number,
        "监测开始日期": start,
        "监测结束日期": end,
        "Hp(10)（mSv）": 0.12,
        "Hp(3)（mSv）": None,
        "Hp(0.07)（mSv）": 0.2,
        "剂量监测机构": SERVICE,
    }
    values.update(overrides)
    return values


def plan_of(rows, actor, headers=HEADERS):
    return DOSE_IMPORT.plan(rows=sheet_of(rows, headers).rows, actor=actor)


def commit_of(rows, actor, expected_fingerprint=None):
    sheet = sheet_of(rows)
    return DOSE_IMPORT.commit(
        rows=sheet.rows,
        actor=actor,
        sha256=sheet.sha256,
        file_name="dose.xlsx",
        expected_fingerprint=expected_fingerprint,
    )


def errors_by_row(plan) -> dict[int, list[str]]:
    found: dict[int, list[str]] = {}
    for error in plan.errors:
        found.setdefault(error.row, []).append(f"{error.column}: {error.message}")
    return found


@pytest.fixture
def person(world):
    """A worker of unit1 and the clear number the dosimetry service writes for them."""
    number = id_number()
    return make_worker(world.unit1, number=number, name="李明"), number


def counts():
    return DoseRecord.objects.count(), AuditEvent.objects.count()


def refused(rows, actor) -> dict[int, list[str]]:
    """The dry run's errors by row, after checking that neither it nor a commit changes anything."""
    before = counts()
    plan = plan_of(rows, actor)
    assert plan.errors
    with pytest.raises(ImportRejected) as rejected:
        commit_of(rows, actor)
    assert rejected.value.errors == plan.errors
    assert counts() == before  # nothing changes: no record, no audit event
    return errors_by_row(plan)


# --- the happy path -------------------------------------------------------------------------------
def test_a_file_is_planned_then_committed_with_one_audit_event_per_record(world, person):
    worker, number = person
    unit1 = world.users["unit1"]
    rows = [
        line(worker, number),
        line(worker, number, D(2024, 4, 1), D(2024, 6, 29), **{"Hp(3)（mSv）": "0.050"}),
    ]
    plan = plan_of(rows, unit1)
    assert plan.errors == [] and plan.counts == {"create": 2, "update": 0, "unchanged": 0}
    assert not DoseRecord.objects.exists()  # the dry run writes nothing

    commit_of(rows, unit1, expected_fingerprint=plan.fingerprint)
    records = list(DoseRecord.objects.order_by("period_start"))
    assert [(r.period_start, r.period_end) for r in records] == [
        (D(2024, 1, 1), D(2024, 3, 30)),
        (D(2024, 4, 1), D(2024, 6, 29)),
    ]
    first, second = records
    assert (str(first.hp10_msv), first.hp3_msv, str(first.hp007_msv)) == ("0.120", None, "0.200")
    assert str(second.hp3_msv) == "0.050" and first.service == SERVICE
    assert {(r.unit_id, r.scope_path) for r in records} == {(world.unit1.pk, worker.scope_path)}
    events = AuditEvent.objects.filter(action="dose.create").order_by("id")
    assert [e.object_id for e in events] == [str(r.pk) for r in records]
    assert events[0].after["hp007_msv"] == "0.200" and events[0].actor == unit1
    summary = AuditEvent.objects.get(action="dose.import")
    assert summary.after["created"] == 2 and summary.after["file"] == "dose.xlsx"
    assert list(audit_chain_breaks()) == []


def test_headers_as_dosimetry_services_write_them_are_read(world, person):
    worker, number = person
    headers = ["证件号码", "姓名", "监测起始日期", "结束日期", "个人剂量当量Hp(10)", "检测机构"]
    row = {
        "证件号码": f" {number.lower()} ",
        "姓名": "李 明",
        "监测起始日期": "2024/01/01",
        "结束日期": "2024-03-30",
        "个人剂量当量Hp(10)": "0.125",
        "检测机构": SERVICE,
    }
    plan = plan_of([row], world.users["unit1"], headers)
    assert plan.errors == []
    (planned,) = plan.rows
    assert planned.worker == worker and str(planned.values["hp10_msv"]) == "0.125"
    assert planned.values["service"] == SERVICE


# --- bad input: a clear error in Chinese, with its row, and nothing changes -----------------------
@pytest.mark.parametrize(
    ("overrides", "column", "message"),
    [
        (
            {"监测开始日期": D(2024, 2, 1), "监测结束日期": D(2024, 1, 31)},
            "监测结束日期",
            "结束日期不能早于开始日期",
        ),
        (
            {"监测开始日期": D(2024, 1, 1), "监测结束日期": D(2024, 3, 31)},  # leap year
            "监测结束日期",
            "监测周期不得超过 90 天（当前 91 天）",
        ),
        ({"Hp(10)（mSv）": -0.01}, "Hp(10)（mSv）", "Hp(10) 剂量不能为负数。"),
        ({"Hp(0.07)（mSv）": "-1"}, "Hp(0.07)（mSv）", "Hp(0.07) 剂量不能为负数。"),
        ({"Hp(10)（mSv）": "0.1234"}, "Hp(10)（mSv）", "最多保留 3 位小数"),
        ({"Hp(3)（mSv）": "约0.1"}, "Hp(3)（mSv）", "“约0.1”不是数值"),
        ({"Hp(10)（mSv）": None}, "Hp(10)（mSv）", "不能为空"),
        ({"监测开始日期": "2024-13-01"}, "监测开始日期", "日期无效"),
        ({"剂量监测机构": "某" * 101}, "剂量监测机构", "不能超过 100 个字符"),
        ({"姓名": "王五"}, "姓名", "与该身份证号码登记的姓名“李明”不一致"),
        ({"姓名": ""}, "姓名", "不能为空"),
        ({"身份证号码": ""}, "身份证号码", "不能为空"),
        ({"身份证号码": "14088119850312"}, "身份证号码", "身份证号码应为 18 位，当前为 14 位。"),
        ({"身份证号码": "14088119851332001X"}, "身份证号码", "出生日期无效"),
    ],
)
def test_a_bad_row_is_named_with_its_column_and_nothing_changes(
    world, person, overrides, column, message
):
    worker, number = person
    rows = [
        line(worker, number, D(2023, 10, 1), D(2023, 12, 29)),
        line(worker, number, **overrides),
    ]
    errors = refused(rows, world.users["unit1"])
    assert list(errors) == [3]  # the second data row, as Excel numbers it
    assert any(e.startswith(f"{column}: ") and message in e for e in errors[3]), errors


def test_a_wrong_check_character_is_named_without_echoing_the_number(world, person):
    worker, number = person
    wrong = number[:17] + ("0" if number[17] != "0" else "1")
    ISSUED.add(wrong)
    errors = refused([line(worker, wrong)], world.users["unit1"])
    assert errors == {2: ["身份证号码: 身份证号码校验位错误。"]}


def test_an_id_number_excel_turned_into_a_number_is_explained(world):
    number = id_number(order=100)  # 140881198503121007
    worker = make_worker(world.unit1, number=number, name="李明")
    mangled = float(number)  # Excel keeps 15 digits: reads back as 140881198503120992
    errors = refused([line(worker, number, **{"身份证号码": mangled})], world.users["unit1"])
    assert errors[2] == [
        "身份证号码: 身份证号码校验位错误。",
        "身份证号码: 该单元格是数值格式，Excel 只保留 15 位有效数字；"
        "请将该列设为文本格式后重新填写。",
    ]


def test_a_person_not_registered_in_the_unit_is_named_by_the_masked_number(world, person):
    stranger = id_number()
    worker, _number = person
    errors = refused([line(worker, stranger)], world.users["unit1"])
    message = f"身份证号码为 {mask_id_number(stranger)} 的人员未在该单位登记，请先在“人员”中登记"
    assert errors == {2: [f"身份证号码: {message}"]}
    assert stranger not in message


def test_a_worker_of_another_unit_reads_as_not_registered(world, person):
    """unit1's officer leaves the credit code blank (own unit) and names unit2's worker: the same
    words as for a stranger, so the answer does not tell that the person works elsewhere."""
    number = id_number()
    other = make_worker(world.unit2, number=number, name="赵六")
    errors = refused([line(other, number)], world.users["unit1"])
    assert errors == {
        2: [
            f"身份证号码: 身份证号码为 {mask_id_number(number)} 的人员未在该单位登记，"
            "请先在“人员”中登记"
        ]
    }


def test_a_unit_officer_cannot_import_for_another_unit(world):
    number = id_number()
    other = make_worker(world.unit2, number=number, name="赵六")
    row = line(other, number, **{"单位统一社会信用代码": world.unit2.credit_code})
    errors = refused([row], world.users["unit1"])
    assert errors == {2: ["单位统一社会信用代码: 该单位不在您的数据范围内（或尚未登记）"]}


def test_the_bureau_lead_must_name_the_unit(world, person):
    worker, number = person
    bureau = world.users["bureau"]
    errors = refused([line(worker, number)], bureau)
    assert errors == {2: ["单位统一社会信用代码: 不能为空"]}
    row = line(worker, number, **{"单位统一社会信用代码": world.unit1.credit_code})
    commit_of([row], bureau)
    assert DoseRecord.objects.get().worker == worker


def test_rows_of_the_same_worker_that_overlap_name_each_other(world, person):
    worker, number = person
    rows = [
        line(worker, number, D(2024, 1, 1), D(2024, 3, 30)),
        line(worker, number, D(2024, 4, 1), D(2024, 6, 29)),
        line(worker, number, D(2024, 3, 15), D(2024, 4, 10)),
    ]
    errors = refused(rows, world.users["unit1"])
    assert errors == {
        2: ["监测开始日期: 与第 4 行同一人员的监测周期重叠"],
        3: ["监测开始日期: 与第 4 行同一人员的监测周期重叠"],
        4: ["监测开始日期: 与第 2 行同一人员的监测周期重叠"],
    }


def test_a_row_overlapping_a_stored_record_is_refused(world, person):
    worker, number = person
    dose_record_create(
        actor=None, worker=worker, period_start=D(2024, 1, 1), period_end=D(2024, 1, 31), hp10_msv=1
    )
    errors = refused([line(worker, number, D(2024, 1, 15), D(2024, 3, 31))], world.users["unit1"])
    assert errors == {
        2: [
            "监测开始日期: 该人员已有与此监测周期重叠的剂量记录。"
            "已有记录的监测周期：2024-01-01 至 2024-01-31。"
        ]
    }


def test_the_same_period_with_other_values_is_not_overwritten(world, person):
    worker, number = person
    dose_record_create(
        actor=None,
        worker=worker,
        period_start=D(2024, 1, 1),
        period_end=D(2024, 3, 30),
        hp10_msv="0.120",
        hp007_msv="0.2",
        service=SERVICE,
    )
    rows = [line(worker, number, D(2024, 1, 1), D(2024, 3, 30), **{"Hp(10)（mSv）": 0.13})]
    errors = refused(rows, world.users["unit1"])
    (message,) = errors[2]
    assert "2024-01-01 至 2024-03-30 的剂量记录已存在，且与文件不同（Hp(10)（mSv））" in message
    assert "如需更正请在该人员页面修改" in message
    assert str(DoseRecord.objects.get().hp10_msv) == "0.120"


def test_every_bad_row_of_a_file_is_listed_at_once(world, person):
    worker, number = person
    rows = [
        line(worker, number, D(2023, 1, 1), D(2023, 3, 31), **{"Hp(10)（mSv）": -1}),
        line(worker, number, D(2023, 4, 1), D(2023, 6, 29)),
        line(worker, number, D(2023, 7, 1), D(2023, 6, 1)),
    ]
    assert set(refused(rows, world.users["unit1"])) == {2, 4}


# --- re-import and the preview's fingerprint ----------------------------------------------------
def test_importing_the_same_file_again_changes_nothing(world, person):
    worker, number = person
    unit1 = world.users["unit1"]
    rows = [line(worker, number), line(worker, number, D(2024, 4, 1), D(2024, 6, 29))]
    rows[0]["身份证号码"] = f" {number.lower()}"  # as typed, not as stored: the same person
    commit_of(rows, unit1)
    records = DoseRecord.objects.count()
    creates = AuditEvent.objects.filter(action="dose.create").count()

    plan = plan_of(rows, unit1)
    assert plan.errors == [] and plan.counts == {"create": 0, "update": 0, "unchanged": 2}
    commit_of(rows, unit1, expected_fingerprint=plan.fingerprint)
    assert DoseRecord.objects.count() == records == 2
    assert AuditEvent.objects.filter(action="dose.create").count() == creates == 2
    assert AuditEvent.objects.get(action="dose.import", after__created=0).after["unchanged"] == 2


def test_a_record_changed_after_the_preview_refuses_the_commit(world, person):
    worker, number = person
    unit1 = world.users["unit1"]
    stored = dose_record_create(
        actor=None, worker=worker, period_start=D(2024, 1, 1), period_end=D(2024, 3, 30), hp10_msv=1
    )
    rows = [
        line(worker, number, D(2024, 1, 1), D(2024, 3, 30), **{"Hp(10)（mSv）": 1}),
        line(worker, number, D(2024, 4, 1), D(2024, 6, 29)),
    ]
    rows[0].pop("Hp(0.07)（mSv）")
    rows[0]["剂量监测机构"] = ""
    preview = plan_of(rows, unit1)
    assert preview.counts == {"create": 1, "update": 0, "unchanged": 1}
    # Corrected and corrected back by someone else meanwhile: the values agree, the version not.
    DoseRecord.objects.filter(pk=stored.pk).update(version=F("version") + 1)
    before = counts()
    with pytest.raises(ImportRejected) as rejected:
        commit_of(rows, unit1, expected_fingerprint=preview.fingerprint)
    assert [e.message for e in rejected.value.errors] == [
        "自预览以来相关数据已被修改，请重新上传文件预览后再导入。"
    ]
    assert counts() == before


def test_a_worker_edited_after_the_preview_refuses_the_commit(world, person):
    worker, number = person
    unit1 = world.users["unit1"]
    preview = plan_of([line(worker, number, D(2024, 1, 1), D(2024, 3, 30))], unit1)
    worker_update(worker=worker, actor=None, expected_version=worker.version, post="介入科")
    before = counts()
    with pytest.raises(ImportRejected):
        commit_of(
            [line(worker, number, D(2024, 1, 1), D(2024, 3, 30))],
            unit1,
            expected_fingerprint=preview.fingerprint,
        )
    assert counts() == before


# --- scale: 10,000 rows ---------------------------------------------------------------------------
WORKERS = 100
PERIODS = 100  # 30-day periods, back to back: 100 workers × 100 periods = 10,000 rows
BIG_START = D(2015, 1, 1)


def big_number(n: int) -> str:
    return id_number(order=n, birth="19800101")


@functools.cache
def big_file(bad_row: int | None = None, size: int = WORKERS * PERIODS) -> bytes:
    """Excel row r (from 2) is worker (r - 2) // PERIODS, period (r - 2) % PERIODS."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append(HEADERS)
    for index in range(size):
        worker, period = divmod(index, PERIODS)
        start = BIG_START + datetime.timedelta(days=30 * period)
        number = big_number(worker)
        if index + 2 == bad_row:
            number = number[:17] + ("0" if number[17] != "0" else "1")
            ISSUED.add(number)
        hp10 = f"{(index % 997) / 1000:.3f}"
        sheet.append(
            ["", f"员工{worker:03d}", number, start, start + datetime.timedelta(days=29), hp10]
        )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def staff(world):
    return [
        make_worker(world.unit1, number=big_number(n), name=f"员工{n:03d}") for n in range(WORKERS)
    ]


def big_sheet(bad_row: int | None = None, size: int = WORKERS * PERIODS):
    content = big_file(bad_row, size)
    return validate_upload(SimpleUploadedFile("big.xlsx", content), columns=COLUMNS)


def test_ten_thousand_rows_dry_run_then_commit(world, staff):
    unit1 = world.users["unit1"]
    sheet = big_sheet()
    assert len(sheet.rows) == 10_000
    plan = DOSE_IMPORT.plan(rows=sheet.rows, actor=unit1)
    assert plan.errors == [] and plan.counts["create"] == 10_000
    events = AuditEvent.objects.count()
    DOSE_IMPORT.commit(
        rows=sheet.rows,
        actor=unit1,
        sha256=sheet.sha256,
        file_name="big.xlsx",
        expected_fingerprint=plan.fingerprint,
    )
    assert DoseRecord.objects.filter(unit=world.unit1).count() == 10_000
    assert AuditEvent.objects.filter(action="dose.create").count() == 10_000
    assert AuditEvent.objects.filter(action="dose.import").count() == 1
    assert AuditEvent.objects.count() == events + 10_001
    assert list(audit_chain_breaks()) == []


def test_ten_thousand_rows_with_one_bad_row_are_refused_naming_it(world, staff):
    unit1 = world.users["unit1"]
    sheet = big_sheet(bad_row=5_000)
    plan = DOSE_IMPORT.plan(rows=sheet.rows, actor=unit1)
    assert [(e.row, e.column, e.message) for e in plan.errors] == [
        (5_000, "身份证号码", "身份证号码校验位错误。")
    ]
    before = counts()
    with pytest.raises(ImportRejected) as rejected:
        DOSE_IMPORT.commit(rows=sheet.rows, actor=unit1, sha256=sheet.sha256)
    assert [e.row for e in rejected.value.errors] == [5_000]
    assert counts() == before


def test_the_dry_run_costs_the_same_queries_for_10_and_1000_rows(world, staff):
    unit1 = world.users["unit1"]
    rows = big_sheet(size=1_000).rows
    used = []
    for size in (10, 1_000):
        with CaptureQueriesContext(connection) as queries:
            plan = DOSE_IMPORT.plan(rows=rows[:size], actor=unit1)
        assert plan.counts["create"] == size
        used.append(len(queries))
    assert used[0] == used[1] <= 4, used


def test_the_dry_run_stays_bounded_with_stored_records(world, staff, django_assert_max_num_queries):
    unit1 = world.users["unit1"]
    rows = big_sheet(size=1_000).rows
    DOSE_IMPORT.commit(rows=rows[:500], actor=unit1, sha256="0" * 64)
    with django_assert_max_num_queries(4):
        plan = DOSE_IMPORT.plan(rows=rows, actor=unit1)
    assert plan.counts == {"create": 500, "update": 0, "unchanged": 500}


# --- the pages ------------------------------------------------------------------------------------
@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def url(suffix: str = "") -> str:
    return reverse(f"personnel:dose-import{suffix}")


def post_file(client, content: bytes):
    return client.post(url(), {"file": SimpleUploadedFile("剂量.xlsx", content)})


def test_the_pages_live_under_personnel_and_the_menu_links_them(client_as):
    assert url() == "/personnel/import/doses/"
    page = client_as("unit1").get(url()).content.decode()
    assert 'enctype="multipart/form-data"' in page and url("-template") in page
    assert f'href="{url()}"' in page  # the 导入 menu
    assert f'href="{url()}"' not in client_as("inspector1").get("/").content.decode()


def test_the_template_is_the_format_the_reader_takes(client_as, world):
    response = client_as("unit1").get(url("-template"))
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["个人剂量", "说明"]
    assert [c.value for c in workbook.worksheets[0][1]] == [c.header for c in COLUMNS]
    assert workbook.worksheets[0]["A2"].value == world.unit1.credit_code
    assert workbook.worksheets[0]["C2"].number_format == "@"  # ID numbers stay text
    help_text = " ".join(str(c.value) for row in workbook["说明"].iter_rows() for c in row)
    assert "设为“文本”格式" in help_text and "证件号码" in help_text and "检测机构" in help_text
    sheet = validate_upload(SimpleUploadedFile("t.xlsx", response.content), columns=COLUMNS)
    assert sheet.rows[0].values["id_number"] == "11010519491231002X"


def test_upload_preview_and_confirm(client_as, world, person, media_root):
    worker, number = person
    client = client_as("unit1")
    rows = [line(worker, number, D(2024, 1, 1), D(2024, 3, 30))]
    response = post_file(client, xlsx_bytes(rows))
    page = response.content.decode()
    assert "ticket" in response.context, page[:2000]
    assert "确认导入" in page and worker.id_number_masked in page and "李明" in page
    assert "2024-01-01 – 2024-03-30" in page
    assert not DoseRecord.objects.exists()

    result = client.post(url("-commit"), {"ticket": response.context["ticket"]}, follow=True)
    assert result.redirect_chain[-1][0] == reverse("personnel:dose-list")
    assert "新增 1 条剂量记录" in result.content.decode()
    assert DoseRecord.objects.get().worker == worker
    assert AuditEvent.objects.filter(action="dose.import", actor=world.users["unit1"]).exists()
    assert not list((media_root / "imports").iterdir())


def test_row_errors_are_shown_in_chinese_with_nothing_stored(client_as, person):
    worker, number = person
    wrong = number[:17] + ("0" if number[17] != "0" else "1")
    ISSUED.add(wrong)  # the leak scan fails the test if the page shows it
    rows = [line(worker, number, D(2024, 1, 1), D(2024, 3, 30)), line(worker, wrong)]
    page = post_file(client_as("unit1"), xlsx_bytes(rows)).content.decode()
    assert "第 3 行" in page and "身份证号码校验位错误" in page and "未导入任何数据" in page
    assert 'name="ticket"' not in page
    assert not DoseRecord.objects.exists()


def test_a_ticket_cannot_be_confirmed_by_someone_else(client, world, person):
    worker, number = person
    client.force_login(world.users["unit1"])
    rows = [line(worker, number, D(2024, 1, 1), D(2024, 3, 30))]
    ticket = post_file(client, xlsx_bytes(rows)).context["ticket"]
    client.force_login(world.users["bureau"])
    assert client.post(url("-commit"), {"ticket": ticket}).status_code == 403
    assert not DoseRecord.objects.exists()


def consecutive_rows(worker, number, count: int, **overrides) -> list[dict]:
    """`count` consecutive 10-day periods from 2000, one row each."""
    start = D(2000, 1, 1)
    rows = []
    for n in range(count):
        begin = start + datetime.timedelta(days=10 * n)
        rows.append(line(worker, number, begin, begin + datetime.timedelta(days=9), **overrides))
    return rows


def test_a_long_preview_lists_its_first_rows_and_counts_the_rest(client_as, person):
    worker, number = person
    page = post_file(client_as("unit1"), xlsx_bytes(consecutive_rows(worker, number, 520)))
    html = page.content.decode()
    assert 'name="ticket"' in html and '<div class="fs-4" id="count-create">520</div>' in html
    assert html.count('<span class="badge text-bg-success">') == 500
    assert "另有 20 行未在此列出，确认后将一并导入。" in html


def test_a_file_with_many_bad_rows_lists_the_first_errors_and_counts_the_rest(client_as, person):
    worker, number = person
    rows = consecutive_rows(worker, number, 503, **{"Hp(10)（mSv）": -1})
    html = post_file(client_as("unit1"), xlsx_bytes(rows)).content.decode()
    assert "发现 503 处错误，涉及 503 行" in html
    assert html.count("Hp(10) 剂量不能为负数。") == 500
    assert "第 2 行" in html and "第 504 行" not in html
    assert "另有 3 处错误未列出" in html


def test_a_row_whose_period_has_not_ended_is_refused(world, person):
    from django.utils import timezone

    worker, number = person
    today = timezone.localdate()
    start, end = today - datetime.timedelta(days=9), today + datetime.timedelta(days=1)
    errors = refused([line(worker, number, start, end)], world.users["unit1"])
    message = f"结束日期不能晚于今天（{today.isoformat()}）：监测周期结束后才有剂量结果"
    assert errors == {2: [f"监测结束日期: {message}"]}
