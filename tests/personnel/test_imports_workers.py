"""The worker import (人员台账, issue 4 point 6): new workers created and registered ones updated
through the services with their latest assessment result, a re-import that changes nothing,
every bad row named in Chinese by its Excel row and column with nothing written and no clear ID
number echoed, scope by unit, the preview's fingerprint, the pages and the template, and a dry
run whose queries do not grow with the file. Files are built here with openpyxl and the headers
written out, so a change to the file format fails a test."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from radsafe.core import crypto
from radsafe.core.audit import audit_chain_breaks
from radsafe.core.id_numbers import mask_id_number
from radsafe.core.imports import ImportRejected, validate_upload
from radsafe.core.models import AuditEvent
from radsafe.personnel.imports.specs import WORKER_IMPORT
from radsafe.personnel.imports.workers import COLUMNS
from radsafe.personnel.models import TrainingResult, Worker
from radsafe.personnel.services.workers import worker_update
from tests.factories import RayDeviceFactory, SourceFactory
from tests.leak_scan import ISSUED

from .factories import id_number, make_training, make_worker

pytestmark = pytest.mark.django_db
D = datetime.date

HEADERS = [
    "单位统一社会信用代码",
    "姓名*",
    "身份证号码*",
    "性别",
    "岗位",
    "工作类别*",
    "入职日期*",
    "离职日期",
    "考核成绩报告单编号",
    "考核类别",
    "考核日期",
]


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
        SimpleUploadedFile("人员.xlsx", xlsx_bytes(rows, headers)), columns=COLUMNS
    )


def line(number: str, name: str = "李明", **overrides) -> dict:
    values = {
        "单位统一社会信用代码": "",
        "姓名": name,
        "身份证号码": number,
        "性别": "男",
        "岗位": "放射科技师",
        "工作类别": "X射线诊断",
        "入职日期": D(2019, 7, 1),
        "离职日期": None,
        "考核成绩报告单编号": None,
        "考核类别": None,
        "考核日期": None,
    }
    values.update(overrides)
    return values


def trained(number: str, report: str = "FS21SX0100001", name: str = "李明", **overrides) -> dict:
    result = {"考核成绩报告单编号": report, "考核类别": "X射线诊断", "考核日期": D(2021, 5, 20)}
    return line(number, name, **{**result, **overrides})


def plan_of(rows, actor, headers=HEADERS):
    return WORKER_IMPORT.plan(rows=sheet_of(rows, headers).rows, actor=actor)


def commit_of(rows, actor, expected_fingerprint=None, headers=HEADERS):
    sheet = sheet_of(rows, headers)
    return WORKER_IMPORT.commit(
        rows=sheet.rows,
        actor=actor,
        sha256=sheet.sha256,
        file_name="人员.xlsx",
        expected_fingerprint=expected_fingerprint,
    )


def errors_by_row(plan) -> dict[int, list[str]]:
    found: dict[int, list[str]] = {}
    for error in plan.errors:
        found.setdefault(error.row, []).append(f"{error.column}: {error.message}")
    return found


def counts():
    return Worker.objects.count(), TrainingResult.objects.count(), AuditEvent.objects.count()


def refused(rows, actor, headers=HEADERS) -> dict[int, list[str]]:
    """The dry run's errors by row, after checking that neither it nor a commit writes anything:
    no worker, no result, no audit event."""
    before = counts()
    plan = plan_of(rows, actor, headers)
    assert plan.errors
    with pytest.raises(ImportRejected) as rejected:
        commit_of(rows, actor, headers=headers)
    assert rejected.value.errors == plan.errors
    assert counts() == before
    return errors_by_row(plan)


def by_number(unit, number: str) -> Worker:
    return Worker.objects.get(unit=unit, id_number_index=crypto.blind_index(number))


# --- create, update, unchanged --------------------------------------------------------------------
def test_new_workers_are_created_with_their_result_and_audited(world):
    unit1 = world.users["unit1"]
    man, woman = id_number(order=101), id_number(order=102)  # odd and even 17th digit
    rows = [trained(man), line(woman, "王芳", **{"性别": None, "离职日期": D(2024, 3, 31)})]
    plan = plan_of(rows, unit1)
    assert plan.errors == [] and plan.counts == {"create": 2, "update": 0, "unchanged": 0}
    assert not Worker.objects.exists()  # the dry run writes nothing

    commit_of(rows, unit1, expected_fingerprint=plan.fingerprint)
    li, wang = by_number(world.unit1, man), by_number(world.unit1, woman)
    assert (li.name, li.sex, li.post, li.work_type) == (
        "李明",
        "male",
        "放射科技师",
        "xray_diagnosis",
    )
    assert (li.employed_on, li.left_on, li.scope_path) == (
        D(2019, 7, 1),
        None,
        world.unit1.scope_path,
    )
    assert li.id_number_masked == mask_id_number(man)
    assert crypto.decrypt(li.id_number_cipher) == man
    assert (wang.sex, wang.left_on) == ("female", D(2024, 3, 31))  # derived from the ID number
    (result,) = TrainingResult.objects.all()
    assert (result.worker, result.number, result.category) == (
        li,
        "FS21SX0100001",
        "xray_diagnosis",
    )
    assert result.valid_until == D(2026, 5, 19)
    assert AuditEvent.objects.filter(action="worker.create").count() == 2
    assert AuditEvent.objects.filter(action="training.create", object_id=str(result.pk)).exists()
    summary = AuditEvent.objects.get(action="worker.import")
    assert summary.after["created"] == 2 and summary.actor == unit1
    assert man not in str(list(AuditEvent.objects.values_list("after", flat=True)))
    assert list(audit_chain_breaks()) == []


def test_a_registered_worker_is_updated_in_the_columns_the_file_has(world):
    unit1 = world.users["unit1"]
    number = id_number()
    worker = make_worker(world.unit1, number=number, name="李明", post="技师")
    make_training(worker)  # FS22-…, kept
    headers = [h for h in HEADERS if h != "岗位"]  # the file has no 岗位 column
    rows = [
        trained(
            f" {number.lower()} ",  # as typed: the same person
            name="李 明",  # the same name
            **{"工作类别": "介入", "入职日期": D(2020, 1, 1), "离职日期": D(2024, 12, 31)},
        )
    ]
    plan = plan_of(rows, unit1, headers)
    assert plan.errors == [] and plan.counts == {"create": 0, "update": 1, "unchanged": 0}
    (row,) = plan.rows
    assert row.changes == ["工作类别", "离职日期", "新增考核成绩报告单 FS21SX0100001"]

    commit_of(rows, unit1, expected_fingerprint=plan.fingerprint, headers=headers)
    worker.refresh_from_db()
    assert (worker.name, worker.post, worker.work_type) == ("李明", "技师", "interventional")
    assert (worker.left_on, worker.version) == (D(2024, 12, 31), 2)
    assert Worker.objects.count() == 1 and TrainingResult.objects.count() == 2
    event = AuditEvent.objects.get(action="worker.update")
    assert event.after == {"work_type": "interventional", "left_on": "2024-12-31"}


def test_importing_the_same_file_again_changes_nothing(world):
    unit1 = world.users["unit1"]
    registered = id_number()
    make_worker(world.unit1, number=registered, name="赵六", post="放射科技师")
    rows = [trained(id_number()), line(id_number(), "王芳", **{"性别": "女"})]
    rows.append(line(registered, "赵六", **{"工作类别": "介入", "入职日期": D(2020, 1, 1)}))
    first = plan_of(rows, unit1)
    assert first.counts == {"create": 2, "update": 1, "unchanged": 0}
    commit_of(rows, unit1)
    before = counts()

    again = plan_of(rows, unit1)
    assert again.errors == [] and again.counts == {"create": 0, "update": 0, "unchanged": 3}
    commit_of(rows, unit1, expected_fingerprint=again.fingerprint)
    workers, trainings, events = counts()
    assert (workers, trainings) == before[:2] == (3, 1)
    assert events == before[2] + 1  # the import's summary alone
    assert AuditEvent.objects.filter(action="worker.import").latest("id").after["unchanged"] == 3


# --- bad input: a Chinese error with row and column, nothing written ------------------------------
@pytest.mark.parametrize(
    ("overrides", "column", "message"),
    [
        ({"身份证号码": "14088119850312"}, "身份证号码", "身份证号码应为 18 位，当前为 14 位。"),
        ({"身份证号码": "14088119851332001X"}, "身份证号码", "出生日期无效"),
        ({"身份证号码": ""}, "身份证号码", "不能为空"),
        ({"姓名": ""}, "姓名", "不能为空"),
        ({"姓名": "某" * 51}, "姓名", "50"),
        ({"岗位": "某" * 101}, "岗位", "100"),
        ({"性别": "未知"}, "性别", "“未知”无效，应为：男、女"),
        ({"工作类别": "放射性"}, "工作类别", "“放射性”无效，应为：探伤、放射治疗"),
        ({"工作类别": None}, "工作类别", "不能为空"),
        ({"入职日期": "2019-13-01"}, "入职日期", "日期无效"),
        ({"入职日期": None}, "入职日期", "不能为空"),
        ({"离职日期": "去年"}, "离职日期", "日期无效"),
        ({"离职日期": D(2019, 6, 30)}, "离职日期", "离职日期不能早于入职日期。"),
        (
            {"考核成绩报告单编号": "FS1", "考核类别": "X射线诊断"},
            "考核日期",
            "考核成绩报告单编号、考核类别、考核日期须同时填写或同时留空",
        ),
        (
            {"考核成绩报告单编号": "FS1", "考核类别": "放射卫生", "考核日期": D(2021, 1, 1)},
            "考核类别",
            "“放射卫生”无效，应为：辐射安全管理",
        ),
        (
            {"考核成绩报告单编号": "FS1", "考核类别": "探伤", "考核日期": "不详"},
            "考核日期",
            "日期无效",
        ),
        (
            {"考核成绩报告单编号": "F" * 61, "考核类别": "探伤", "考核日期": D(2021, 1, 1)},
            "考核成绩报告单编号",
            "60",
        ),
    ],
)
def test_a_bad_row_is_named_with_its_column_and_nothing_is_written(
    world, overrides, column, message
):
    rows = [line(id_number()), line(id_number(), "王芳", **overrides)]
    errors = refused(rows, world.users["unit1"])
    assert list(errors) == [3]  # the second data row, as Excel numbers it
    assert any(e.startswith(f"{column}: ") and message in e for e in errors[3]), errors


def test_a_wrong_check_character_is_named_without_echoing_the_number(world):
    number = id_number()
    wrong = number[:17] + ("0" if number[17] != "0" else "1")
    ISSUED.add(wrong)
    errors = refused([line(wrong)], world.users["unit1"])
    assert errors == {2: ["身份证号码: 身份证号码校验位错误。"]}


def test_an_id_number_excel_turned_into_a_number_is_explained(world):
    mangled = float(id_number(order=100))  # 15 significant digits survive
    errors = refused([line(mangled)], world.users["unit1"])
    assert errors[2][1].startswith("身份证号码: 该单元格是数值格式")


def test_the_same_person_twice_in_a_unit_names_the_other_row_by_the_masked_number(world):
    number = id_number()
    rows = [line(number), line(id_number(), "王芳"), line(number.lower(), "李明")]
    errors = refused(rows, world.users["unit1"])
    message = errors[4][0]
    assert message == (
        f"身份证号码: 身份证号码 {mask_id_number(number)} 与第 2 行重复"
        "（同一单位的同一人员只能有一行）"
    )
    assert list(errors) == [4] and number not in message


def test_the_same_person_in_two_units_is_two_workers(world):
    """The bureau imports a person who works for two units: one worker in each."""
    number = id_number()
    rows = [
        line(number, **{"单位统一社会信用代码": world.unit1.credit_code}),
        line(number, **{"单位统一社会信用代码": world.unit2.credit_code}),
    ]
    commit_of(rows, world.users["bureau"])
    assert {w.unit for w in Worker.objects.all()} == {world.unit1, world.unit2}


def test_a_self_assessed_result_of_a_source_operator_is_refused_in_the_dry_run(world):
    message = "自行考核只适用于仅从事Ⅲ类射线装置工作的人员；该人员操作放射源或Ⅰ、Ⅱ类射线装置。"
    on_source, on_class2, on_class3 = id_number(), id_number(), id_number()
    make_worker(world.unit1, number=on_source, sources=[SourceFactory(unit=world.unit1)])
    make_worker(
        world.unit1, number=on_class2, devices=[RayDeviceFactory(unit=world.unit1, device_class=2)]
    )
    make_worker(
        world.unit1, number=on_class3, devices=[RayDeviceFactory(unit=world.unit1, device_class=3)]
    )
    self_assessed = {"考核类别": "自行考核（仅Ⅲ类射线装置）"}
    rows = [
        trained(number, f"ZX{n}", name="张三", **self_assessed)
        for n, number in enumerate([on_source, on_class2, on_class3, id_number()])
    ]
    errors = refused(rows, world.users["unit1"])
    assert errors == {2: [f"考核类别: {message}"], 3: [f"考核类别: {message}"]}
    commit_of(rows[2:], world.users["unit1"])  # Ⅲ类 staff and a new worker may
    assert TrainingResult.objects.filter(category="self_assessed").count() == 2


def test_a_held_result_with_other_values_is_not_overwritten(world):
    number = id_number()
    worker = make_worker(world.unit1, number=number, name="李明", post="放射科技师")
    held = make_training(worker, passed_on=D(2022, 6, 1))
    rows = [trained(number, held.number, **{"考核日期": D(2022, 7, 1), "入职日期": D(2020, 1, 1)})]
    (message,) = refused(rows, world.users["unit1"])[2]
    assert message.startswith(
        f"考核成绩报告单编号: 该人员已有编号为 {held.number} 的考核成绩报告单"
    )
    same = [trained(number, held.number, **{"考核日期": D(2022, 6, 1), "入职日期": D(2020, 1, 1)})]
    assert plan_of(same, world.users["unit1"]).counts["unchanged"] == 1


def test_every_bad_row_of_a_file_is_listed_at_once(world):
    rows = [
        line(id_number(), **{"工作类别": "?"}),
        line(id_number()),
        line(id_number(), **{"入职日期": None}),
    ]
    assert set(refused(rows, world.users["unit1"])) == {2, 4}


# --- scope ----------------------------------------------------------------------------------------
def test_a_unit_officer_imports_into_their_own_unit_only(world):
    unit1 = world.users["unit1"]
    errors = refused(
        [line(id_number(), **{"单位统一社会信用代码": world.unit2.credit_code})], unit1
    )
    assert errors == {2: ["单位统一社会信用代码: 该单位不在您的数据范围内（或尚未登记）"]}
    number = id_number()
    commit_of(
        [line(number), line(id_number(), **{"单位统一社会信用代码": world.unit1.credit_code})],
        unit1,
    )
    assert set(Worker.objects.values_list("unit", flat=True)) == {world.unit1.pk}


def test_a_worker_of_another_unit_is_not_updated_by_a_unit_officer(world):
    """unit2's worker with the same number stays as it is: unit1's import creates unit1's."""
    number = id_number()
    other = make_worker(world.unit2, number=number, name="赵六", post="探伤工")
    commit_of([line(number, "赵六", **{"岗位": "放射科技师"})], world.users["unit1"])
    other.refresh_from_db()
    assert (other.post, other.version) == ("探伤工", 1)
    assert by_number(world.unit1, number).post == "放射科技师"


def test_the_bureau_names_units_of_its_county_only(world):
    bureau = world.users["bureau"]
    assert refused([line(id_number())], bureau) == {2: ["单位统一社会信用代码: 不能为空"]}
    row = line(id_number(), **{"单位统一社会信用代码": world.foreign_unit.credit_code})
    assert refused([row], bureau) == {
        2: ["单位统一社会信用代码: 该单位不在您的数据范围内（或尚未登记）"]
    }
    commit_of([line(id_number(), **{"单位统一社会信用代码": world.unit2.credit_code})], bureau)
    assert Worker.objects.get().unit == world.unit2


# --- the preview's fingerprint --------------------------------------------------------------------
def test_a_worker_changed_after_the_preview_refuses_the_commit(world):
    unit1 = world.users["unit1"]
    number = id_number()
    worker = make_worker(world.unit1, number=number, name="李明")
    rows = [line(number, **{"岗位": "介入科"})]
    preview = plan_of(rows, unit1)
    assert preview.counts["update"] == 1
    worker_update(worker=worker, actor=None, expected_version=worker.version, left_on=D(2024, 1, 1))
    before = counts()
    with pytest.raises(ImportRejected) as rejected:
        commit_of(rows, unit1, expected_fingerprint=preview.fingerprint)
    assert [e.message for e in rejected.value.errors] == [
        "自预览以来相关数据已被修改，请重新上传文件预览后再导入。"
    ]
    assert counts() == before


# --- the dry run's queries ------------------------------------------------------------------------
def roster(world, size: int) -> list[dict]:
    """Half new workers with a result, half registered ones with the result they hold, except
    that the first registered one gets a new self-assessed result (so every look-up runs)."""
    rows = []
    for n in range(size):
        number, name = id_number(order=n, birth="19800101"), f"员工{n:03d}"
        if n % 2 == 0:
            rows.append(trained(number, f"N{n}", name))
            continue
        held = make_training(make_worker(world.unit1, number=number, name=name))
        same = {"岗位": None, "入职日期": D(2020, 1, 1), "考核日期": held.passed_on}
        if n == 1:
            same.update({"考核类别": "自行考核", "考核日期": D(2023, 1, 1)})
        rows.append(trained(number, held.number if n > 1 else "N1", name, **same))
    return rows


def test_the_dry_run_costs_the_same_queries_for_10_and_200_rows(world):
    unit1 = world.users["unit1"]
    rows = sheet_of(roster(world, 200)).rows
    used = []
    for size in (10, 200):
        with CaptureQueriesContext(connection) as queries:
            plan = WORKER_IMPORT.plan(rows=rows[:size], actor=unit1)
        assert plan.errors == []
        assert plan.counts == {"create": size // 2, "update": 1, "unchanged": size // 2 - 1}
        used.append(len(queries))
    assert used[0] == used[1] <= 4, used


# --- the pages ------------------------------------------------------------------------------------
@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def url(suffix: str = "") -> str:
    return reverse(f"personnel:worker-import{suffix}")


def post_file(client, content: bytes):
    return client.post(url(), {"file": SimpleUploadedFile("人员台账.xlsx", content)})


def test_the_pages_live_under_personnel_and_the_menu_links_them(client_as):
    assert url() == "/personnel/import/workers/"
    page = client_as("unit1").get(url()).content.decode()
    assert 'enctype="multipart/form-data"' in page and url("-template") in page
    assert f'href="{url()}"' in page  # the 导入 menu
    assert "操作的放射源和射线装置不导入" in page
    assert f'href="{url()}"' not in client_as("inspector1").get("/").content.decode()


def test_the_template_is_the_format_the_reader_takes(client_as, world):
    response = client_as("unit1").get(url("-template"))
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["辐射工作人员", "说明"]
    assert [c.value for c in workbook.worksheets[0][1]] == HEADERS
    assert workbook.worksheets[0]["A2"].value == world.unit1.credit_code
    assert workbook.worksheets[0]["C2"].number_format == "@"  # ID numbers stay text
    help_text = " ".join(str(c.value) for row in workbook["说明"].iter_rows() for c in row)
    assert "在人员页面关联" in help_text and "料位计/测量" in help_text and "证件号码" in help_text
    sheet = validate_upload(SimpleUploadedFile("t.xlsx", response.content), columns=COLUMNS)
    plan = WORKER_IMPORT.plan(rows=sheet.rows, actor=world.users["unit1"])
    assert plan.errors == [] and plan.counts["create"] == 1  # the example row is a valid row


def test_upload_preview_and_confirm(client_as, world, media_root):
    client = client_as("unit1")
    number = id_number()
    response = post_file(client, xlsx_bytes([trained(number)]))
    page = response.content.decode()
    assert "ticket" in response.context, page[:2000]
    assert "确认导入" in page and mask_id_number(number) in page and "李明" in page
    assert "FS21SX0100001" in page and world.unit1.name in page
    assert not Worker.objects.exists()

    result = client.post(url("-commit"), {"ticket": response.context["ticket"]}, follow=True)
    assert result.redirect_chain[-1][0] == reverse("personnel:worker-list")
    assert "新增 1 名人员" in result.content.decode()
    assert by_number(world.unit1, number).training_results.count() == 1
    assert AuditEvent.objects.filter(action="worker.import", actor=world.users["unit1"]).exists()
    assert not list((media_root / "imports").iterdir())


def test_row_errors_are_shown_in_chinese_with_nothing_stored(client_as):
    number = id_number()
    wrong = number[:17] + ("0" if number[17] != "0" else "1")
    ISSUED.add(wrong)  # the leak scan fails the test if the page shows it
    rows = [line(id_number()), line(wrong), line(number), line(number)]
    page = post_file(client_as("unit1"), xlsx_bytes(rows)).content.decode()
    assert "第 3 行" in page and "身份证号码校验位错误" in page and "未导入任何数据" in page
    assert "与第 4 行重复" in page and mask_id_number(number) in page
    assert 'name="ticket"' not in page
    assert not Worker.objects.exists()


def test_a_file_over_the_import_limit_is_refused(client_as, settings):
    settings.RADSAFE_IMPORT_MAX_ROWS = 50  # one bound for every import (default 100,000)
    rows = [line(str(n)) for n in range(51)]
    page = post_file(client_as("unit1"), xlsx_bytes(rows)).content.decode()
    assert "数据行过多（上限 50 行）" in page
    assert not Worker.objects.exists()
