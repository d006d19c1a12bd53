"""The source import: the dry run with its row errors, the all-or-nothing commit through the
inventory services, the upsert by code and the importer's scope. Files are built here with
openpyxl and the headers written out, so a change to the file format fails a test."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from radsafe.core.imports import ImportRejected, validate_upload
from radsafe.core.models import AuditEvent
from radsafe.inventory.imports import sources
from radsafe.inventory.models import Movement, Source
from radsafe.inventory.services.register.movements import source_check_out
from tests.factories import SourceFactory, StorageSiteFactory

pytestmark = pytest.mark.django_db

HEADERS = [
    "持有单位信用代码",
    "放射源编码*",
    "核素*",
    "出厂活度(Bq)*",
    "活度参考日期*",
    "状态*",
    "贮存场所",
    "使用场所",
    "用途",
    "生产厂家",
    "型号",
    "出厂编号",
    "出厂日期",
    "来源",
    "入库时间",
]


def xlsx_bytes(rows: list[dict], headers: list[str]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(headers)
    for values in rows:
        sheet.append([values.get(header.rstrip("*")) for header in headers])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def sheet_of(rows: list[dict], headers: list[str] = HEADERS, columns=sources.COLUMNS):
    upload = SimpleUploadedFile("import.xlsx", xlsx_bytes(rows, headers))
    return validate_upload(upload, columns=columns)


def code(n: int) -> str:
    return f"0118CS{n:05d}4"


def row(world, n: int, **overrides) -> dict:
    values = {
        "持有单位信用代码": world.unit1.credit_code,
        "放射源编码": code(n),
        "核素": "Cs-137" if n % 2 else "铯-137",
        "出厂活度(Bq)": 3.7e9 if n % 3 else "3.7E9",  # a number, or text as some 台账 hold it
        "活度参考日期": datetime.date(2018, 1, 1),
        "状态": "贮存",
        "贮存场所": "一号源库",
        "用途": "料位计",
        "生产厂家": "某某同位素公司",
        "型号": "CS-100",
        "出厂编号": f"S{n:04d}",
        "出厂日期": "2018-01-01",
        "来源": "购入",
        "入库时间": "2018-03-01 09:00",
    }
    values.update(overrides)
    return values


@pytest.fixture
def site(world):
    return StorageSiteFactory(unit=world.unit1, name="一号源库")


def plan_for(rows, actor, **kwargs):
    return sources.plan_source_import(rows=sheet_of(rows, **kwargs).rows, actor=actor)


def commit(rows, actor, **kwargs):
    sheet = sheet_of(rows, **kwargs)
    return sources.commit_source_import(
        rows=sheet.rows, actor=actor, sha256=sheet.sha256, file_name="sources.xlsx"
    )


def errors_by_row(plan_or_errors) -> dict[int, list[tuple[str, str]]]:
    errors = getattr(plan_or_errors, "errors", plan_or_errors)
    found: dict[int, list[tuple[str, str]]] = {}
    for error in errors:
        found.setdefault(error.row, []).append((error.column, error.message))
    return found


def hundred_rows(world) -> list[dict]:
    return [row(world, n) for n in range(100)]


# --- the acceptance scenario --------------------------------------------------------------------


def test_three_bad_rows_in_a_hundred_import_nothing_and_are_named(world, site):
    rows = hundred_rows(world)
    rows[10]["核素"] = "Xx-999"
    rows[40]["出厂活度(Bq)"] = 0
    rows[70]["放射源编码"] = "0118CS0001"  # ten characters: does not parse
    counts_before = (Source.objects.count(), Movement.objects.count(), AuditEvent.objects.count())

    plan = plan_for(rows, world.users["unit1"])

    assert plan.error_rows == [12, 42, 72]  # data starts on Excel row 2
    found = errors_by_row(plan)
    assert found[12] == [("核素", "核素“Xx-999”不存在，可选核素见模板“说明”页")]
    assert found[42] == [("出厂活度(Bq)", "出厂活度必须是大于 0 的数值（单位 Bq）。")]
    assert found[72] == [("放射源编码", "放射源编码应为 12 位，当前为 10 位。")]
    with pytest.raises(ImportRejected) as rejected:
        commit(rows, world.users["unit1"])
    assert sorted({error.row for error in rejected.value.errors}) == [12, 42, 72]
    after = (Source.objects.count(), Movement.objects.count(), AuditEvent.objects.count())
    assert after == counts_before


def test_fixed_file_imports_a_hundred_and_importing_it_again_changes_nothing(world, site):
    officer = world.users["unit1"]

    plan = commit(hundred_rows(world), officer)

    assert plan.counts == {"create": 100, "update": 0, "unchanged": 0}
    imported = Source.objects.filter(code__in=[code(n) for n in range(100)])
    assert imported.count() == 100
    sample = imported.select_related("nuclide").get(code=code(3))
    assert (sample.unit, sample.site, sample.status) == (world.unit1, site, "stored")
    assert sample.nuclide.symbol == "Cs-137" and sample.activity_bq == 3.7e9
    assert sample.category_at_manufacture == 4 and sample.serial_number == "S0003"
    arrivals = Movement.objects.filter(source__in=imported, kind="arrival")
    assert arrivals.count() == 100
    assert arrivals.get(source=sample).occurred_at.isoformat() == "2018-03-01T01:00:00+00:00"
    assert AuditEvent.objects.filter(action="source.create").count() == 100
    versions = dict(imported.values_list("pk", "version"))
    last_event = AuditEvent.objects.order_by("-id").first().pk

    again = commit(hundred_rows(world), officer)

    assert again.counts == {"create": 0, "update": 0, "unchanged": 100}
    new_events = list(AuditEvent.objects.filter(pk__gt=last_event))
    assert [event.action for event in new_events] == ["source.import"]
    assert new_events[0].after["created"] == 0 and new_events[0].after["unchanged"] == 100
    assert dict(imported.values_list("pk", "version")) == versions
    assert Movement.objects.filter(source__in=imported).count() == 100


def test_the_dry_run_writes_nothing(world, site):
    counts_before = (Source.objects.count(), Movement.objects.count(), AuditEvent.objects.count())
    plan = plan_for(hundred_rows(world)[:5], world.users["bureau"])
    assert plan.errors == [] and plan.counts["create"] == 5
    after = (Source.objects.count(), Movement.objects.count(), AuditEvent.objects.count())
    assert after == counts_before


# --- updates ------------------------------------------------------------------------------------


def test_a_known_code_is_corrected_only_where_the_file_differs(world, site):
    commit([row(world, 1)], world.users["unit1"])
    source = Source.objects.get(code=code(1))
    changed = row(world, 1, 出厂活度="3.8E9", 用途="测厚仪", 出厂编号="S0001")
    changed["出厂活度(Bq)"] = changed.pop("出厂活度")

    plan = plan_for([changed], world.users["bureau"])

    assert plan.errors == []
    assert [(r.action, r.changes) for r in plan.rows] == [("update", ["出厂活度(Bq)", "用途"])]
    commit([changed], world.users["bureau"])
    source.refresh_from_db()
    assert (source.activity_bq, source.use, source.version) == (3.8e9, "测厚仪", 2)
    event = AuditEvent.objects.get(action="source.update")
    assert (event.after["activity_bq"], event.after["use"]) == (3.8e9, "测厚仪")
    assert "serial_number" not in event.after


def test_a_column_left_out_of_the_file_leaves_that_field_alone(world, site):
    commit([row(world, 1)], world.users["unit1"])
    headers = ["放射源编码*", "核素*", "出厂活度(Bq)*", "活度参考日期*", "状态*"]
    plan = plan_for([row(world, 1)], world.users["unit1"], headers=headers)
    assert [r.action for r in plan.rows] == ["unchanged"]


def test_status_and_store_of_a_registered_source_are_the_registers(world, site):
    other = StorageSiteFactory(unit=world.unit1, name="二号源库")
    commit([row(world, 1)], world.users["unit1"])
    rows = [row(world, 1, 状态="在用", 贮存场所=other.name)]
    found = errors_by_row(plan_for(rows, world.users["unit1"]))
    assert [column for column, _message in found[2]] == ["状态", "贮存场所"]
    assert "当前状态“贮存”" in found[2][0][1] and "出入库记录" in found[2][0][1]


def test_a_checked_out_source_reimports_unchanged(world, site):
    """Checking a source out changes neither its status nor its store, so the 台账 still agrees."""
    commit([row(world, 1)], world.users["unit1"])
    source = Source.objects.get(code=code(1))
    source_check_out(
        actor=world.users["unit1"],
        source=source,
        occurred_at=datetime.datetime(2024, 1, 1, 8, tzinfo=datetime.UTC),
        person="张三",
    )
    plan = plan_for([row(world, 1)], world.users["unit1"])
    assert plan.errors == [] and plan.counts["unchanged"] == 1


# --- row checks ---------------------------------------------------------------------------------


def test_every_error_of_a_row_is_reported(world, site):
    bad = row(world, 1, 核素="", 活度参考日期="明天", 状态="借出", 贮存场所="三号库")
    bad["出厂活度(Bq)"] = "很多"
    found = errors_by_row(plan_for([bad], world.users["unit1"]))
    assert found[2] == [
        ("核素", "不能为空"),
        ("出厂活度(Bq)", "“很多”不是数值"),
        ("活度参考日期", "日期无效，应为日期或 YYYY-MM-DD 格式的文本"),
        ("状态", found[2][3][1]),
        ("贮存场所", "贮存场所“三号库”不存在（应为该单位已登记的贮存场所名称）"),
    ]
    assert "借出" in found[2][3][1] and "废旧待送贮" in found[2][3][1]


def test_service_rules_come_back_on_their_columns(world, site):
    future = datetime.date.today() + datetime.timedelta(days=30)
    rows = [
        row(world, 1, 活度参考日期=future),
        row(world, 2, 状态="丢失"),
        row(world, 3, 出厂日期="2019-05-01"),  # the code says 2018
    ]
    found = errors_by_row(plan_for(rows, world.users["unit1"]))
    assert found[2] == [("活度参考日期", "活度参考日期不能晚于今天。")]
    assert found[3] == [("状态", "新登记的放射源状态只能是在用、贮存、闲置或废旧待送贮。")]
    assert found[4] == [("出厂日期", "出厂日期的年份与放射源编码第 3–4 位（18）不一致。")]


def test_a_code_twice_in_the_file_names_the_earlier_row(world, site):
    rows = [row(world, 1), row(world, 1, 用途="测厚仪")]
    found = errors_by_row(plan_for(rows, world.users["unit1"]))
    assert found == {3: [("放射源编码", "与第 2 行的放射源编码重复")]}


def test_lower_case_codes_and_spaces_are_normalised(world, site):
    plan = plan_for([row(world, 1, 放射源编码=" 0118cs00001 4")], world.users["unit1"])
    assert plan.errors == [] and plan.rows[0].code == code(1)


# --- scope --------------------------------------------------------------------------------------


def test_a_unit_officer_importing_for_another_unit_gets_a_row_error(world, site):
    rows = [row(world, 1), row(world, 2, 持有单位信用代码=world.unit2.credit_code)]
    plan = plan_for(rows, world.users["unit1"])
    assert errors_by_row(plan) == {
        3: [("持有单位信用代码", "该单位不在您的数据范围内（或尚未登记）")]
    }
    with pytest.raises(ImportRejected):
        commit(rows, world.users["unit1"])
    assert not Source.objects.filter(code__in=[code(1), code(2)]).exists()


def test_a_unit_officer_may_leave_the_unit_blank_a_bureau_lead_may_not(world, site):
    rows = [row(world, 1, 持有单位信用代码="")]
    assert plan_for(rows, world.users["unit1"]).errors == []
    found = errors_by_row(plan_for(rows, world.users["bureau"]))
    assert found == {2: [("持有单位信用代码", "不能为空")]}


def test_a_bureau_lead_imports_for_units_of_the_county_only(world, site):
    rows = [row(world, 1), row(world, 2, 持有单位信用代码=world.foreign_unit.credit_code)]
    found = errors_by_row(plan_for(rows, world.users["bureau"]))
    assert list(found) == [3] and found[3][0][0] == "持有单位信用代码"


def test_a_code_registered_out_of_scope_is_refused(world, site):
    SourceFactory(unit=world.unit2, code=code(1))
    found = errors_by_row(plan_for([row(world, 1)], world.users["unit1"]))
    assert found == {2: [("放射源编码", "该放射源编码已登记，且不在您的数据范围内")]}


def test_a_known_code_cannot_move_to_another_unit_by_import(world, site):
    SourceFactory(unit=world.unit2, code=code(1))
    found = errors_by_row(plan_for([row(world, 1)], world.users["bureau"]))
    assert found[2][0][0] == "持有单位信用代码" and "转让登记" in found[2][0][1]


# --- cost ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("size", [10, 100])
def test_the_checks_before_the_trial_cost_a_fixed_number_of_queries(
    world, site, size, django_assert_num_queries
):
    """Units, the officer's own unit, known codes, which of them are in scope, sites, nuclides:
    the same six queries for ten rows and for a hundred, half of them already registered."""
    commit([row(world, n) for n in range(0, size, 2)], world.users["unit1"])
    rows = sheet_of([row(world, n) for n in range(size)]).rows
    officer = type(world.users["unit1"]).objects.get(pk=world.users["unit1"].pk)
    with django_assert_num_queries(6):
        plan = sources._static_plan(rows, officer)
    assert plan.counts == {"create": size // 2, "update": 0, "unchanged": size // 2}
