import datetime
import io

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone

from radsafe.core.models import AuditEvent
from radsafe.registry.choices import UnitStatus
from radsafe.registry.models import Industry, Licence, Unit, UnitStatusChange
from tests.factories import LicenceFactory, UnitFactory, valid_credit_code

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate
NAMES = {"unit1": "永济市人民医院", "unit2": "永济探伤公司", "foreign_unit": "盐湖区医院"}


def listed(response) -> list[str]:
    assert response.status_code == 200
    return [row.record.name for row in response.context["table"].paginated_rows]


def days(n: int) -> datetime.date:
    return TODAY() + datetime.timedelta(days=n)


@pytest.fixture
def varied(world):
    """unit1: licence expiring in 10 days; unit2: licence expired; unit3 (squad1): suspended,
    irradiation, licence valid for years."""
    LicenceFactory(unit=world.unit1, issued_on=days(-1800), expires_on=days(10))
    LicenceFactory(unit=world.unit2, issued_on=days(-1900), expires_on=days(-1))
    unit3 = UnitFactory(
        name="永济辐照中心",
        jurisdiction=world.county,
        squad=world.squad1,
        status=UnitStatus.SUSPENDED,
        industries=[Industry.objects.get(code="irradiation")],
    )
    LicenceFactory(unit=unit3, issued_on=days(-100), expires_on=days(1000))
    return unit3


# --- list ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "visible"),
    [
        ("bureau", {"unit1", "unit2"}),
        ("inspector1", {"unit1"}),
        ("inspector2", {"unit2"}),
        ("unit1", {"unit1"}),
        ("unit2", {"unit2"}),
        ("city", {"unit1", "unit2", "foreign_unit"}),
    ],
)
def test_list_shows_each_viewer_only_its_scope_in_chinese(client_as, role, visible):
    response = client_as(role).get(reverse("registry:unit-list"))
    html = response.content.decode()
    assert set(listed(response)) == {NAMES[key] for key in visible}
    for key, name in NAMES.items():
        assert (name in html) == (key in visible)
    assert '<html lang="zh-hans">' in html
    assert "单位名录" in html
    assert 'id="unit-table"' in html
    assert 'id="unit-filter"' in html


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"squad": "squad1"}, {"永济市人民医院", "永济辐照中心"}),
        ({"squad": "squad2"}, {"永济探伤公司"}),
        ({"industry": "irradiation"}, {"永济辐照中心"}),
        ({"status": "suspended"}, {"永济辐照中心"}),
        ({"status": "normal"}, {"永济市人民医院", "永济探伤公司"}),
        ({"licence_expiring_within": "30"}, {"永济市人民医院"}),
        ({"licence_expiring_within": "5"}, set()),
        ({"licence_expired": "true"}, {"永济探伤公司"}),
        ({"q": "辐照"}, {"永济辐照中心"}),
        ({"q": "探伤"}, {"永济探伤公司"}),
    ],
)
def test_each_filter_narrows_the_list(world, varied, client_as, params, expected):
    if "squad" in params:
        params = {"squad": getattr(world, params["squad"]).pk}
    response = client_as("bureau").get(reverse("registry:unit-list"), params)
    assert set(listed(response)) == expected


def test_search_by_credit_code_prefix(world, client_as):
    prefix = world.unit2.credit_code[:17]
    response = client_as("bureau").get(reverse("registry:unit-list"), {"q": prefix.lower()})
    assert listed(response) == ["永济探伤公司"]


def test_filter_form_says_all_rather_than_dashes(world, client_as):
    response = client_as("bureau").get(reverse("registry:unit-list"))
    html = response.content.decode()
    assert '<option value="" selected>全部</option>' in html  # squad, industry, status
    assert '<option value="unknown" selected>全部</option>' in html  # licence expired yes/no
    assert "---------" not in html
    assert "未知" not in html


def test_squad_filter_offers_only_squads_in_scope(world, client_as):
    response = client_as("inspector1").get(reverse("registry:unit-list"))
    choices = {
        str(label) for _value, label in response.context["filter"].form.fields["squad"].choices
    }
    assert "一中队" in choices
    assert "二中队" not in choices
    officer = client_as("unit1").get(reverse("registry:unit-list"))
    assert "squad" not in officer.context["filter"].form.fields
    assert "二中队" not in officer.content.decode()


def test_sorting_by_column(world, varied, client_as):
    url = reverse("registry:unit-list")
    client = client_as("bureau")
    by_expiry = listed(client.get(url, {"sort": "licence_expires_on"}))
    assert by_expiry == ["永济探伤公司", "永济市人民医院", "永济辐照中心"]
    assert listed(client.get(url, {"sort": "-licence_expires_on"})) == by_expiry[::-1]


def test_pagination_is_25_per_page(world, client_as):
    for n in range(30):
        UnitFactory(name=f"分页单位{n:02d}", jurisdiction=world.county, squad=world.squad1)
    client = client_as("inspector1")
    url = reverse("registry:unit-list")
    first, second = listed(client.get(url)), listed(client.get(url, {"page": 2}))
    assert len(first) == 25
    assert len(second) == 6  # 31 units in squad 1
    assert not set(first) & set(second)


def test_risk_flags_appear_as_badges(world, varied, client_as):
    html = client_as("bureau").get(reverse("registry:unit-list")).content.decode()
    assert "许可证已过期" in html
    assert f"许可证将到期（{days(10)}）" in html
    assert "非正常经营：长期停产" in html


def test_create_button_and_export_link_follow_capability_and_filters(world, client_as):
    url = reverse("registry:unit-list")
    html = client_as("bureau").get(url, {"status": "normal", "page": 1}).content.decode()
    assert 'id="unit-create"' in html
    assert f'href="{reverse("registry:unit-export")}?status=normal"' in html
    officer_html = client_as("unit1").get(url).content.decode()
    assert 'id="unit-create"' not in officer_html
    assert 'id="unit-export"' in officer_html


# --- refusals --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "name", "args"),
    [
        ("unit1", "registry:unit-create", []),
        ("city", "registry:unit-create", []),
        ("sysadmin", "registry:unit-list", []),
        ("auditor", "registry:licence-list", []),
        ("secadmin", "registry:unit-export", []),
        ("unit1", "registry:unit-edit", ["unit1"]),
        ("unit1", "registry:unit-status", ["unit1"]),
        ("city", "registry:licence-create", ["unit1"]),
    ],
)
def test_refused_roles_get_403_and_an_audit_event(world, client_as, role, name, args):
    url = reverse(name, args=[getattr(world, a).pk for a in args])
    assert client_as(role).get(url).status_code == 403
    assert AuditEvent.objects.filter(action="permission.denied", object_repr=url).exists()


@pytest.mark.parametrize(
    ("role", "name"),
    [
        ("unit1", "registry:unit-detail"),
        ("unit1", "registry:licence-create"),
        ("inspector1", "registry:unit-detail"),
        ("inspector1", "registry:unit-edit"),
        ("inspector1", "registry:unit-status"),
        ("inspector1", "registry:licence-create"),
    ],
)
def test_a_unit_out_of_scope_is_404(world, client_as, role, name):
    client = client_as(role)
    url = reverse(name, args=[world.unit2.pk])
    assert client.get(url).status_code == 404
    if name != "registry:unit-detail":
        assert client.post(url, {"name": "x"}).status_code == 404


def test_a_licence_out_of_scope_is_404_and_absent_from_the_list(world, client_as):
    licence = LicenceFactory(unit=world.unit2, number="晋环辐证[99999]")
    client = client_as("unit1")
    assert client.get(reverse("registry:licence-edit", args=[licence.pk])).status_code == 404
    assert "晋环辐证[99999]" not in client.get(reverse("registry:licence-list")).content.decode()


def test_anonymous_is_sent_to_login(client, world):
    response = client.get(reverse("registry:unit-list"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


# --- detail ----------------------------------------------------------------------------------


def test_detail_shows_fields_licences_history_and_buttons_by_capability(world, client_as):
    LicenceFactory(
        unit=world.unit1, number="晋环辐证[00042]", issued_on=days(-10), expires_on=days(-1)
    )
    UnitStatusChange.objects.create(
        unit=world.unit1,
        from_status=UnitStatus.NORMAL,
        to_status=UnitStatus.SUSPENDED,
        changed_on=days(-5),
        reason="设备检修",
    )
    url = reverse("registry:unit-detail", args=[world.unit1.pk])
    html = client_as("unit1").get(url).content.decode()
    assert world.unit1.credit_code in html
    assert "晋环辐证[00042]" in html
    assert "许可证已过期" in html
    assert "设备检修" in html
    assert 'id="licence-create"' in html
    assert 'id="unit-edit"' not in html
    assert "许可证编号" in html  # column headers from the model, not "Number"
    bureau_html = client_as("bureau").get(url).content.decode()
    assert 'id="unit-edit"' in bureau_html
    assert 'id="unit-status"' in bureau_html


# --- create and edit -------------------------------------------------------------------------


def unit_post(world, **overrides):
    return {
        "name": "永济新医院",
        "credit_code": valid_credit_code(),
        "address": "永济市",
        "industries": [Industry.objects.get(code="diagnosis").pk],
        "jurisdiction": world.county.pk,
        "squad": world.squad1.pk,
        **overrides,
    }


def test_bureau_creates_a_unit_in_one_of_his_squads(world, client_as):
    data = unit_post(world, squad=world.squad2.pk, credit_code=valid_credit_code().lower())
    response = client_as("bureau").post(reverse("registry:unit-create"), data)
    unit = Unit.objects.get(name="永济新医院")
    assert response.status_code == 302
    assert response["Location"] == reverse("registry:unit-detail", args=[unit.pk])
    assert unit.squad == world.squad2
    assert unit.credit_code == data["credit_code"].upper()
    assert AuditEvent.objects.filter(action="unit.create", object_id=str(unit.pk)).exists()


def test_create_with_a_bad_credit_code_shows_the_chinese_error_and_saves_nothing(world, client_as):
    before = Unit.objects.count()
    data = unit_post(world, credit_code="91140881MA0K12345E")
    response = client_as("bureau").post(reverse("registry:unit-create"), data)
    assert response.status_code == 200
    assert "统一社会信用代码校验位错误：第 18 位应为 D。" in response.content.decode()
    assert response.context["form"].errors["credit_code"]
    assert Unit.objects.count() == before


def test_inspector_creates_a_unit_in_his_own_squad(world, client_as):
    response = client_as("inspector1").post(reverse("registry:unit-create"), unit_post(world))
    assert response.status_code == 302
    unit = Unit.objects.get(name="永济新医院")
    assert (unit.jurisdiction, unit.squad, unit.scope_path) == (
        world.county,
        world.squad1,
        world.squad1.path,
    )


def test_inspector_can_only_pick_his_own_squad(world, client_as):
    client = client_as("inspector1")
    form = client.get(reverse("registry:unit-create")).context["form"]
    assert list(form.fields["squad"].queryset) == [world.squad1]
    assert list(form.fields["jurisdiction"].queryset) == [world.county]
    response = client.post(reverse("registry:unit-create"), unit_post(world, squad=world.squad2.pk))
    assert response.status_code == 200
    assert "squad" in response.context["form"].errors
    assert not Unit.objects.filter(name="永济新医院").exists()


def edit_post(world, unit, **overrides):
    defaults = {"name": unit.name, "credit_code": unit.credit_code, "version": unit.version}
    return unit_post(world, **{**defaults, **overrides})


def test_edit_saves_through_the_service(world, client_as):
    unit = world.unit1
    response = client_as("bureau").post(
        reverse("registry:unit-edit", args=[unit.pk]), edit_post(world, unit, address="新地址")
    )
    assert response.status_code == 302
    unit.refresh_from_db()
    assert unit.address == "新地址"
    assert unit.version == 2


def test_edit_with_a_stale_version_shows_the_conflict_and_keeps_the_input(world, client_as):
    unit = world.unit1
    data = edit_post(world, unit, name="我刚改的名称")
    Unit.objects.filter(pk=unit.pk).update(version=unit.version + 1)
    response = client_as("bureau").post(reverse("registry:unit-edit", args=[unit.pk]), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "该记录已被他人修改，请刷新页面后重新编辑。" in html
    assert 'value="我刚改的名称"' in html
    assert Unit.objects.get(pk=unit.pk).name == "永济市人民医院"


def test_edit_without_a_version_is_refused_as_stale(world, client_as):
    data = edit_post(world, world.unit1, name="无版本")
    del data["version"]
    response = client_as("bureau").post(reverse("registry:unit-edit", args=[world.unit1.pk]), data)
    assert "该记录已被他人修改" in response.content.decode()
    assert Unit.objects.get(pk=world.unit1.pk).name == "永济市人民医院"


def test_status_change_page_writes_history(world, client_as):
    url = reverse("registry:unit-status", args=[world.unit1.pk])
    data = {"status": UnitStatus.BANKRUPT, "changed_on": days(-1).isoformat(), "reason": "法院裁定"}
    response = client_as("inspector1").post(url, data)
    assert response.status_code == 302
    change = UnitStatusChange.objects.get(unit=world.unit1)
    assert (change.to_status, change.reason) == (UnitStatus.BANKRUPT, "法院裁定")
    same = client_as("inspector1").post(url, data)
    assert "新状态与当前状态相同。" in same.content.decode()


# --- licences --------------------------------------------------------------------------------


def licence_post(**overrides):
    return {
        "number": "晋环辐证[20001]",
        "authority": "山西省生态环境厅",
        "authority_level": "province",
        "scope": "使用Ⅲ类射线装置",
        "issued_on": "2024-01-01",
        "expires_on": "2029-01-01",
        **overrides,
    }


def test_unit_officer_adds_a_licence_to_his_own_unit(world, client_as):
    url = reverse("registry:licence-create", args=[world.unit1.pk])
    response = client_as("unit1").post(url, licence_post())
    assert response.status_code == 302
    assert Licence.objects.get(number="晋环辐证[20001]").unit == world.unit1
    world.unit1.refresh_from_db()
    assert world.unit1.licence_expires_on == datetime.date(2029, 1, 1)


def test_licence_dates_in_the_wrong_order_are_shown_on_the_field(world, client_as):
    url = reverse("registry:licence-create", args=[world.unit1.pk])
    response = client_as("unit1").post(url, licence_post(expires_on="2023-01-01"))
    assert response.context["form"].errors["expires_on"] == ["有效期至必须晚于发证日期。"]
    assert not Licence.objects.exists()


def test_licence_edit_checks_the_version(world, client_as):
    licence = LicenceFactory(unit=world.unit1)
    url = reverse("registry:licence-edit", args=[licence.pk])
    client = client_as("unit1")
    ok = client.post(url, licence_post(number=licence.number, version=licence.version))
    assert ok.status_code == 302
    stale = client.post(url, licence_post(number=licence.number, version=licence.version))
    assert "该记录已被他人修改" in stale.content.decode()
    assert Licence.objects.get(pk=licence.pk).version == licence.version + 1


def test_licence_list_filters(world, client_as):
    LicenceFactory(unit=world.unit1, number="A-1", expires_on=datetime.date(2026, 1, 1))
    LicenceFactory(unit=world.unit2, number="B-2", expires_on=datetime.date(2030, 1, 1))
    client = client_as("bureau")
    url = reverse("registry:licence-list")
    numbers = [row.record.number for row in client.get(url).context["table"].paginated_rows]
    assert set(numbers) == {"A-1", "B-2"}
    response = client.get(url, {"expires_before": "2027-01-01"})
    assert [row.record.number for row in response.context["table"].paginated_rows] == ["A-1"]
    response = client.get(url, {"q": "探伤"})
    assert [row.record.number for row in response.context["table"].paginated_rows] == ["B-2"]


# --- export ----------------------------------------------------------------------------------


def read_xlsx(response) -> list[tuple]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert "attachment" in response["Content-Disposition"]
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    return list(workbook.active.iter_rows(values_only=True))


def test_export_contains_exactly_the_filtered_rows_in_scope(world, varied, client_as):
    response = client_as("inspector1").get(reverse("registry:unit-export"), {"status": "normal"})
    header, *rows = read_xlsx(response)
    assert header[:2] == ("单位名称", "统一社会信用代码")
    assert "风险提示" in header
    assert [row[0] for row in rows] == ["永济市人民医院"]
    assert rows[0][1] == world.unit1.credit_code
    event = AuditEvent.objects.get(action="unit.export")
    assert event.actor == world.users["inspector1"]
    assert event.after == {"filters": {"status": "normal"}, "rows": 1}


def test_export_of_everything_in_scope(world, varied, client_as):
    _header, *rows = read_xlsx(client_as("bureau").get(reverse("registry:unit-export")))
    assert {row[0] for row in rows} == {"永济市人民医院", "永济探伤公司", "永济辐照中心"}


def test_export_keeps_a_formula_like_name_as_text(world, client_as):
    UnitFactory(name='=HYPERLINK("http://x")', jurisdiction=world.county, squad=world.squad1)
    _header, *rows = read_xlsx(client_as("inspector1").get(reverse("registry:unit-export")))
    assert '=HYPERLINK("http://x")' in {row[0] for row in rows}


def test_export_with_an_invalid_filter_is_refused_with_a_message(world, client_as):
    url = reverse("registry:unit-export")
    response = client_as("bureau").get(url, {"licence_expiring_within": "-5"}, follow=True)
    assert "筛选条件有误，未导出。" in response.content.decode()
    assert not AuditEvent.objects.filter(action="unit.export").exists()


def test_export_over_the_limit_is_refused_with_a_message(world, client_as, settings):
    settings.RADSAFE_EXPORT_MAX_ROWS = 1
    response = client_as("bureau").get(reverse("registry:unit-export"), follow=True)
    assert "超过单次导出上限 1 个" in response.content.decode()
    assert not AuditEvent.objects.filter(action="unit.export").exists()
