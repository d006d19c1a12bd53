"""Row-level checks of the dry run (scope, reference data, licences, dates), the query budget, and
the all-or-nothing commit when the database changes between the preview and the write."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from radsafe.core.models import AuditEvent
from radsafe.registry.imports import (
    ImportRejected,
    apply_plan,
    commit_import,
    plan_import,
    validate_upload,
)
from radsafe.registry.models import Licence, Unit
from radsafe.registry.services import unit_update
from tests.factories import LicenceFactory

from .test_imports_units import (
    commit,
    errors_by_row,
    hundred_rows,
    plan_for,
    row,
    upload,
    xlsx_bytes,
)

pytestmark = pytest.mark.django_db


def only_error(plan) -> tuple[int, str, str]:
    assert len(plan.errors) == 1, plan.errors
    error = plan.errors[0]
    return error.row, error.column, error.message


# --- scope --------------------------------------------------------------------------------------


@pytest.mark.parametrize(("user", "other"), [("bureau", "foreign_unit"), ("inspector1", "unit2")])
def test_an_existing_unit_out_of_scope_is_refused_without_saying_more(world, user, other):
    unit = getattr(world, other)
    values = row(1, 统一社会信用代码=unit.credit_code, 许可证编号="")
    values.update(发证机关="", 发证机关层级="", 种类和范围="", 发证日期="", 有效期至="")
    if user == "inspector1":
        values["责任中队"] = "一中队"
    plan = plan_for([values], world.users[user])
    assert only_error(plan) == (2, "统一社会信用代码", "该单位不在您的数据范围内")
    assert unit.name not in str(plan.errors)
    with pytest.raises(ImportRejected):
        commit([values], world.users[user])
    unit.refresh_from_db()
    assert unit.version == 1


def test_an_inspector_imports_only_into_their_own_squad(world):
    inspector = world.users["inspector1"]
    rows = [row(1), row(2, 责任中队="二中队"), row(3, 责任中队="")]
    found = errors_by_row(plan_for(rows, inspector))
    assert 2 not in found
    assert found[3] == [("责任中队", "责任中队“二中队”不在您的数据范围内")]
    assert found[4] == [("责任中队", "不能为空：您只能导入本中队负责的单位")]


def test_a_bureau_lead_may_leave_the_squad_blank(world):
    plan = commit([row(1, 责任中队="")], world.users["bureau"])
    assert plan.counts["create"] == 1
    unit = Unit.objects.get(credit_code=row(1)["统一社会信用代码"])
    assert unit.squad is None and unit.scope_path == world.county.path


def test_an_account_without_a_county_cannot_import(world):
    with pytest.raises(ValidationError) as refused:
        plan_for([row(1)], world.users["city"])
    assert "未绑定分局或中队" in refused.value.messages[0]


# --- reference data and values ------------------------------------------------------------------


def test_unknown_industry_squad_and_status_are_named(world):
    rows = [row(1, 行业="核医学、火箭发射"), row(2, 责任中队="九中队"), row(3, 经营状态="歇业")]
    found = errors_by_row(plan_for(rows, world.users["bureau"]))
    assert found[2] == [("行业", "行业“火箭发射”不存在，可选行业见模板“说明”页")]
    assert found[3] == [("责任中队", "责任中队“九中队”不存在（应为永济分局下属中队的名称）")]
    assert found[4][0][0] == "经营状态"
    assert "歇业" in found[4][0][1] and "长期停产" in found[4][0][1]


def test_every_error_of_a_row_is_reported_not_just_the_first(world):
    bad = row(1, 单位名称="", 统一社会信用代码="123", 行业="", 发证日期="去年", 发证机关层级="县级")
    found = errors_by_row(plan_for([bad], world.users["bureau"]))
    columns = [column for column, _message in found[2]]
    assert columns == ["统一社会信用代码", "单位名称", "行业", "发证机关层级", "发证日期"]
    assert ("统一社会信用代码", "统一社会信用代码应为 18 位，当前为 3 位。") in found[2]


def test_a_credit_code_twice_in_the_file_names_the_later_row(world):
    first = row(1)
    again = row(2, 统一社会信用代码=first["统一社会信用代码"])
    plan = plan_for([first, again], world.users["bureau"])
    assert only_error(plan) == (3, "统一社会信用代码", "与第 2 行的统一社会信用代码重复")


def test_a_field_too_long_for_the_register_is_reported(world):
    plan = plan_for([row(1, 单位名称="长" * 201)], world.users["bureau"])
    row_number, column, message = only_error(plan)
    assert (row_number, column) == (2, "单位名称") and "200" in message


def test_dates_may_be_excel_dates_serial_numbers_or_text(world):
    rows = [
        row(1, 发证日期=datetime.datetime(2022, 3, 1), 有效期至="2027/03/01"),
        row(2, 发证日期=44621, 有效期至="2027-03-01"),  # 44621 = 2022-03-01
        row(3, 发证日期="2022年3月1日"),
    ]
    plan = plan_for(rows, world.users["bureau"])
    assert only_error(plan) == (4, "发证日期", "日期无效，应为日期或 YYYY-MM-DD 格式的文本")
    issued = {r.row: r.licence_fields["issued_on"] for r in plan.rows}
    assert issued == {2: datetime.date(2022, 3, 1), 3: datetime.date(2022, 3, 1)}


# --- licences -----------------------------------------------------------------------------------


def test_licence_columns_are_all_or_none(world):
    partial = row(1, 发证机关="", 有效期至="")
    none = row(2, 许可证编号="", 发证机关="", 发证机关层级="", 种类和范围="", 发证日期="")
    none["有效期至"] = ""
    plan = plan_for([partial, none], world.users["bureau"])
    found = errors_by_row(plan)
    assert [column for column, _m in found[2]] == ["发证机关", "有效期至"]
    assert 3 not in found


def test_a_licence_number_of_another_unit_is_refused(world):
    LicenceFactory(unit=world.foreign_unit, number="晋环辐证[55555]")
    plan = plan_for([row(1, 许可证编号="晋环辐证[55555]")], world.users["bureau"])
    assert only_error(plan) == (2, "许可证编号", "该许可证编号已登记在其他单位名下")


# --- budget and atomicity -----------------------------------------------------------------------


def test_the_dry_run_costs_a_fixed_number_of_queries(world, django_assert_max_num_queries):
    commit([row(n) for n in range(0, 100, 2)], world.users["bureau"])  # half exist already
    sheet = validate_upload(upload(xlsx_bytes(hundred_rows())))
    bureau = type(world.users["bureau"]).objects.get(pk=world.users["bureau"].pk)
    with django_assert_max_num_queries(8):
        plan = plan_import(rows=sheet.rows, actor=bureau)
    assert plan.counts == {"create": 50, "update": 0, "unchanged": 50}


def test_a_write_failing_midway_rolls_back_every_row(world):
    """The plan was right when made; then someone registers row 51's licence number for another
    unit. The fiftieth row's write fails, and the forty-nine before it are undone."""
    bureau = world.users["bureau"]
    sheet = validate_upload(upload(xlsx_bytes(hundred_rows())))
    plan = plan_import(rows=sheet.rows, actor=bureau)
    assert not plan.errors
    LicenceFactory(unit=world.unit2, number=row(49)["许可证编号"])
    units_before, events_before = Unit.objects.count(), AuditEvent.objects.count()

    with pytest.raises(ImportRejected) as rejected:
        apply_plan(plan, actor=bureau)

    assert [(e.row, e.column) for e in rejected.value.errors] == [(51, "许可证编号")]
    assert Unit.objects.count() == units_before
    assert AuditEvent.objects.count() == events_before
    assert not Licence.objects.filter(number=row(0)["许可证编号"]).exists()


def test_the_commit_checks_the_rows_again_against_the_database(world):
    bureau = world.users["bureau"]
    sheet = validate_upload(upload(xlsx_bytes(hundred_rows())))
    LicenceFactory(unit=world.unit2, number=row(30)["许可证编号"])
    units_before = Unit.objects.count()
    with pytest.raises(ImportRejected) as rejected:
        commit_import(rows=sheet.rows, actor=bureau, sha256=sheet.sha256)
    assert [(e.row, e.message) for e in rejected.value.errors] == [
        (32, "该许可证编号已登记在其他单位名下")
    ]
    assert Unit.objects.count() == units_before


def test_an_edit_after_the_preview_makes_the_commit_refuse(world):
    bureau = world.users["bureau"]
    values = row(1, 单位名称=world.unit1.name, 统一社会信用代码=world.unit1.credit_code)
    values.update(行业="医疗诊断", 地址="新地址")
    sheet = validate_upload(upload(xlsx_bytes([values])))
    preview = plan_import(rows=sheet.rows, actor=bureau)
    unit_update(unit=world.unit1, actor=bureau, expected_version=1, contact_phone="0359-1")
    with pytest.raises(ImportRejected) as rejected:
        commit_import(
            rows=sheet.rows,
            actor=bureau,
            sha256=sheet.sha256,
            expected_fingerprint=preview.fingerprint,
        )
    assert "已被修改" in rejected.value.errors[0].message
    world.unit1.refresh_from_db()
    assert world.unit1.address != "新地址"
