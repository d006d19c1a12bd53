"""The import logic: reading a file, the dry run, and the all-or-nothing commit. Files are built
here with openpyxl, with the headers written out, so a change to the file format fails a test."""

import datetime
import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from radsafe.core.models import AuditEvent
from radsafe.registry.choices import UnitStatus
from radsafe.registry.imports import (
    ImportRejected,
    commit_import,
    plan_import,
    validate_upload,
)
from radsafe.registry.models import Licence, Unit, UnitStatusChange
from tests.factories import LicenceFactory, valid_credit_code

pytestmark = pytest.mark.django_db

HEADERS = [
    "单位名称*",
    "统一社会信用代码*",
    "地址",
    "行业*",
    "法定代表人",
    "辐射安全联系人",
    "联系电话",
    "责任中队",
    "经营状态",
    "许可证编号",
    "发证机关",
    "发证机关层级",
    "种类和范围",
    "发证日期",
    "有效期至",
]
CODE_BASE = 7_000_000  # far from the factories' own serial numbers


def row(n: int, **overrides) -> dict:
    """One valid row, keyed by header; `overrides` use the header without its star."""
    values = {
        "单位名称": f"导入测试单位{n}",
        "统一社会信用代码": valid_credit_code(CODE_BASE + n),
        "地址": f"永济市测试路{n}号",
        "行业": "医疗诊断、核医学" if n % 2 else "工业测量/料位计",
        "法定代表人": "张三",
        "辐射安全联系人": "李四",
        "联系电话": 13800000000 + n,  # typed as a number, as Excel users do
        "责任中队": "一中队",
        "经营状态": "",
        "许可证编号": f"晋环辐证[9{n:04d}]",
        "发证机关": "山西省生态环境厅",
        "发证机关层级": "省级",
        "种类和范围": "使用Ⅲ类射线装置",
        "发证日期": datetime.date(2022, 1, 1),  # an Excel date
        "有效期至": "2027-01-01",  # text
    }
    values.update(overrides)
    return values


def xlsx_bytes(rows: list[dict], headers: list[str] = HEADERS, title: str = "") -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    if title:
        sheet.append([title])
    sheet.append(headers)
    for values in rows:
        sheet.append([values.get(header.rstrip("*")) for header in headers])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def upload(content: bytes, name: str = "units.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def plan_for(rows: list[dict], actor, **kwargs):
    return plan_import(rows=validate_upload(upload(xlsx_bytes(rows, **kwargs))).rows, actor=actor)


def commit(rows: list[dict], actor, **kwargs):
    sheet = validate_upload(upload(xlsx_bytes(rows, **kwargs)))
    return commit_import(rows=sheet.rows, actor=actor, sha256=sheet.sha256, file_name="t.xlsx")


def hundred_rows() -> list[dict]:
    return [row(n) for n in range(100)]


def errors_by_row(plan) -> dict[int, list[tuple[str, str]]]:
    result: dict[int, list[tuple[str, str]]] = {}
    for error in plan.errors:
        result.setdefault(error.row, []).append((error.column, error.message))
    return result


# --- the acceptance scenario --------------------------------------------------------------------


def test_three_bad_rows_in_a_hundred_import_nothing_and_are_named(world):
    rows = hundred_rows()
    rows[10]["统一社会信用代码"] = rows[10]["统一社会信用代码"][:17] + (
        "1" if rows[10]["统一社会信用代码"][17] != "1" else "2"
    )
    rows[40]["有效期至"] = "2021-12-31"
    rows[70]["许可证编号"] = rows[5]["许可证编号"]
    units_before, events_before = Unit.objects.count(), AuditEvent.objects.count()

    plan = plan_for(rows, world.users["bureau"])

    assert plan.error_rows == [12, 42, 72]  # data starts on Excel row 2
    found = errors_by_row(plan)
    assert found[12][0][0] == "统一社会信用代码" and "校验位" in found[12][0][1]
    assert found[42] == [("有效期至", "有效期至必须晚于发证日期")]
    assert found[72] == [("许可证编号", "与第 7 行的许可证编号重复")]
    with pytest.raises(ImportRejected) as rejected:
        commit(rows, world.users["bureau"])
    assert sorted({e.row for e in rejected.value.errors}) == [12, 42, 72]
    assert Unit.objects.count() == units_before
    assert AuditEvent.objects.count() == events_before


def test_fixed_file_imports_a_hundred_and_importing_it_again_changes_nothing(world):
    bureau = world.users["bureau"]
    units_before = Unit.objects.count()

    plan = commit(hundred_rows(), bureau)

    assert plan.counts == {"create": 100, "update": 0, "unchanged": 0}
    imported = Unit.objects.filter(credit_code__in=[r["统一社会信用代码"] for r in hundred_rows()])
    assert imported.count() == 100 == Unit.objects.count() - units_before
    assert Licence.objects.filter(unit__in=imported).count() == 100
    sample = imported.get(credit_code=valid_credit_code(CODE_BASE + 3))
    assert sample.jurisdiction == world.county and sample.squad == world.squad1
    assert sample.contact_phone == "13800000003"
    assert sorted(i.name for i in sample.industries.all()) == ["医疗诊断", "核医学"]
    assert sample.licence_expires_on == datetime.date(2027, 1, 1)
    assert AuditEvent.objects.filter(action="unit.create").count() == 100
    assert AuditEvent.objects.filter(action="licence.create").count() == 100
    versions = dict(imported.values_list("pk", "version"))
    last_event = AuditEvent.objects.order_by("-id").first().pk

    again = commit(hundred_rows(), bureau)

    assert again.counts == {"create": 0, "update": 0, "unchanged": 100}
    new_events = list(AuditEvent.objects.filter(pk__gt=last_event))
    assert [event.action for event in new_events] == ["unit.import"]
    assert new_events[0].after["created"] == 0 and new_events[0].after["updated"] == 0
    assert dict(imported.values_list("pk", "version")) == versions


def test_summary_event_records_counts_and_file_hash(world):
    sheet = validate_upload(upload(xlsx_bytes([row(1), row(2)])))
    commit_import(rows=sheet.rows, actor=world.users["bureau"], sha256=sheet.sha256)
    event = AuditEvent.objects.get(action="unit.import")
    assert event.after["sha256"] == sheet.sha256 and len(sheet.sha256) == 64
    assert (event.after["rows"], event.after["created"]) == (2, 2)
    assert event.actor == world.users["bureau"]


# --- updates ------------------------------------------------------------------------------------


def test_an_existing_unit_is_updated_only_where_the_file_differs(world):
    unit = world.unit1
    LicenceFactory(unit=unit, number="晋环辐证[00777]", expires_on=datetime.date(2027, 1, 1))
    values = row(
        0,
        单位名称=unit.name,
        统一社会信用代码=unit.credit_code.lower(),  # matched after normalising
        地址="永济市新地址 8 号",
        行业="医疗诊断",
        法定代表人="",
        辐射安全联系人="",
        联系电话="",
        经营状态="长期停产",
        许可证编号="晋环辐证[00777]",
        有效期至="2028-06-30",
    )

    plan = plan_for([values], world.users["bureau"])

    assert not plan.errors
    assert plan.rows[0].action == "update"
    assert plan.rows[0].changes == ["地址", "经营状态", "许可证"]
    commit([values], world.users["bureau"])
    unit.refresh_from_db()
    assert unit.address == "永济市新地址 8 号" and unit.status == "suspended"
    assert UnitStatusChange.objects.filter(unit=unit, to_status="suspended").exists()
    assert unit.licences.get().expires_on == datetime.date(2028, 6, 30)
    assert unit.licence_expires_on == datetime.date(2028, 6, 30)
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"unit.update", "unit.change_status", "licence.update", "unit.import"} <= actions


def test_a_column_left_out_of_the_file_leaves_that_field_alone(world):
    headers = ["单位名称*", "统一社会信用代码*", "行业*", "责任中队"]
    values = {"单位名称": world.unit1.name, "统一社会信用代码": world.unit1.credit_code}
    values.update(行业="医疗诊断", 责任中队="一中队")
    plan = plan_for([values], world.users["bureau"], headers=headers)
    assert [r.action for r in plan.rows] == ["unchanged"]
    assert world.unit1.address  # kept, although the file has no address column


def test_a_new_licence_number_adds_a_licence_to_an_existing_unit(world):
    LicenceFactory(unit=world.unit1, number="晋环辐证[00001]", expires_on=datetime.date(2025, 1, 1))
    values = row(0, 单位名称=world.unit1.name, 统一社会信用代码=world.unit1.credit_code)
    values.update(行业="医疗诊断", 许可证编号="晋环辐证[00002]", 有效期至="2030-01-01")
    commit([values], world.users["bureau"])
    assert set(world.unit1.licences.values_list("number", flat=True)) == {
        "晋环辐证[00001]",
        "晋环辐证[00002]",
    }
    world.unit1.refresh_from_db()
    assert world.unit1.licence_expires_on == datetime.date(2030, 1, 1)


# --- bad files ----------------------------------------------------------------------------------


def _zip_without_workbook() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "not a workbook")
    return buffer.getvalue()


def _empty_workbook() -> bytes:
    buffer = io.BytesIO()
    Workbook().save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("units.xlsx", "单位名称,统一社会信用代码\n".encode(), "文件不是有效的 xlsx 格式"),
        ("units.csv", "单位名称,统一社会信用代码\n".encode(), "文件不是有效的 xlsx 格式"),
        ("units.csv", xlsx_bytes([row(1)]), "文件不是有效的 xlsx 格式"),
        ("units.xlsx", _zip_without_workbook(), "文件不是有效的 xlsx 格式"),
        ("units.xlsx", b"PK\x03\x04 truncated", "文件不是有效的 xlsx 格式"),
        ("units.xlsx", b"", "文件为空"),
        ("units.xlsx", _empty_workbook(), "文件为空"),
        ("units.xlsx", xlsx_bytes([]), "没有数据行"),
        ("units.xlsx", xlsx_bytes([row(1)], headers=["单位名称*", "地址"]), "缺少必需的列"),
    ],
    ids=[
        "text-as-xlsx",
        "csv",
        "xlsx-named-csv",
        "zip-not-workbook",
        "truncated",
        "zero-bytes",
        "empty-workbook",
        "headers-only",
        "missing-columns",
    ],
)
def test_a_bad_file_is_refused_in_chinese(name, content, message):
    with pytest.raises(ValidationError) as refused:
        validate_upload(upload(content, name))
    assert message in refused.value.messages[0]


def test_a_twenty_megabyte_file_is_refused_from_its_size_without_being_read(tmp_path):
    path = tmp_path / "big.xlsx"
    with open(path, "wb") as handle:
        handle.write(b"PK\x03\x04")
        handle.truncate(20 * 1024 * 1024)  # sparse: no 20 MB in memory or on disk
    with open(path, "rb") as handle:
        big = File(handle, name="big.xlsx")
        with pytest.raises(ValidationError) as refused:
            validate_upload(big)
        assert handle.tell() == 0  # not one byte read
    assert refused.value.messages == ["文件过大（上限 10 MB）"]


def test_a_small_file_that_unpacks_to_too_much_is_refused(settings):
    settings.RADSAFE_IMPORT_MAX_BYTES = 2048  # so 40 KB unpacked is over the ratio
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<a/>")
        archive.writestr("xl/worksheets/sheet1.xml", " " * 200_000)
    assert len(buffer.getvalue()) < 2048
    with pytest.raises(ValidationError) as refused:
        validate_upload(upload(buffer.getvalue()))
    assert refused.value.messages[0].startswith("文件过大")


def test_a_title_row_above_the_header_is_skipped_and_rows_keep_excel_numbers(world):
    rows = [row(1), row(2, 行业="不存在的行业")]
    plan = plan_for(rows, world.users["bureau"], title="永济市核技术利用单位台账")
    assert plan.error_rows == [4]


def test_a_status_change_the_workflow_forbids_is_a_row_error_in_the_dry_run(world):
    """注销 ends a unit's life (registry/workflows.py): the dry run names the row, as the
    commit's service would refuse it, rather than pass a file that the commit then rejects."""
    bureau = world.users["bureau"]
    commit([row(1, 经营状态="注销")], bureau)
    plan = plan_for([row(1, 经营状态="正常")], bureau)
    assert errors_by_row(plan) == {2: [("经营状态", "经营状态为“注销”的单位不能再变更经营状态。")]}
    assert (
        Unit.objects.get(credit_code=valid_credit_code(CODE_BASE + 1)).status
        == UnitStatus.DEREGISTERED
    )
