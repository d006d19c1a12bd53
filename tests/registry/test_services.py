import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from radsafe.core.models import AuditEvent
from radsafe.core.versioning import StaleEditError
from radsafe.registry import services
from radsafe.registry.choices import AuthorityLevel, UnitStatus
from radsafe.registry.models import Industry, Licence, Unit, UnitStatusChange
from tests.factories import LicenceFactory, valid_credit_code

pytestmark = pytest.mark.django_db


def industries(*codes):
    return list(Industry.objects.filter(code__in=codes or ["diagnosis"]))


def unit_fields(world, **overrides):
    return {
        "name": "永济市新建医院",
        "credit_code": valid_credit_code(),
        "address": "永济市中山街1号",
        "jurisdiction": world.county,
        "squad": world.squad1,
        **overrides,
    }


def licence_fields(**overrides):
    return {
        "number": "晋环辐证[10001]",
        "authority": "山西省生态环境厅",
        "authority_level": AuthorityLevel.PROVINCE,
        "scope": "使用Ⅲ类射线装置",
        "issued_on": datetime.date(2023, 3, 1),
        "expires_on": datetime.date(2028, 2, 28),
        **overrides,
    }


def error_dict(caught) -> dict[str, list[str]]:
    return caught.value.message_dict


# --- units -----------------------------------------------------------------------------------


def test_unit_create_normalises_the_code_and_records_the_audit_event(world):
    actor = world.users["bureau"]
    code = valid_credit_code()
    unit = services.unit_create(
        actor=actor,
        industries=industries("diagnosis", "nuclear_medicine"),
        **unit_fields(world, credit_code=f" {code.lower()} "),
    )
    unit.refresh_from_db()
    assert unit.credit_code == code
    assert unit.scope_path == world.squad1.path
    event = AuditEvent.objects.get(action="unit.create")
    assert event.actor == actor
    assert event.object_id == str(unit.pk)
    assert event.before is None
    assert event.after["credit_code"] == code
    assert event.after["name"] == "永济市新建医院"
    assert sorted(event.after["industries"]) == sorted(i.pk for i in unit.industries.all())


def test_unit_create_with_a_bad_credit_code_saves_nothing(world):
    before = Unit.objects.count()
    with pytest.raises(ValidationError) as caught:
        services.unit_create(
            actor=world.users["bureau"],
            industries=industries(),
            **unit_fields(world, credit_code="91140881MA0K12345E"),
        )
    assert error_dict(caught)["credit_code"] == ["统一社会信用代码校验位错误：第 18 位应为 D。"]
    assert Unit.objects.count() == before
    assert not AuditEvent.objects.filter(action="unit.create").exists()


def test_unit_create_without_industries_is_refused(world):
    with pytest.raises(ValidationError) as caught:
        services.unit_create(actor=world.users["bureau"], industries=[], **unit_fields(world))
    assert error_dict(caught)["industries"] == ["请至少选择一个行业。"]


def test_an_inspector_cannot_create_a_unit_in_the_other_squad(world):
    before = Unit.objects.count()
    with pytest.raises(ValidationError) as caught:
        services.unit_create(
            actor=world.users["inspector1"],
            industries=industries(),
            **unit_fields(world, squad=world.squad2),
        )
    assert caught.value.code == "out_of_scope"
    assert "超出您的数据范围" in caught.value.messages[0]
    assert Unit.objects.count() == before
    assert not AuditEvent.objects.filter(action="unit.create").exists()


def test_a_squad_of_another_bureau_is_refused(world):
    with pytest.raises(ValidationError) as caught:
        services.unit_create(
            actor=world.users["city"],
            industries=industries(),
            **unit_fields(world, jurisdiction=world.other_county),
        )
    assert error_dict(caught)["squad"] == ["责任中队必须属于该分局。"]


def test_unit_update_records_only_what_changed_and_bumps_the_version(world):
    unit = world.unit1
    old_name, version = unit.name, unit.version
    services.unit_update(
        unit=unit,
        actor=world.users["bureau"],
        expected_version=version,
        name="永济市人民医院（新址）",
        squad=world.squad2,
    )
    unit.refresh_from_db()
    assert unit.version == version + 1
    assert unit.scope_path == world.squad2.path
    event = AuditEvent.objects.get(action="unit.update")
    assert event.before == {
        "name": old_name,
        "scope_path": world.squad1.path,
        "squad_id": world.squad1.pk,
        "version": version,
    }
    assert event.after == {
        "name": "永济市人民医院（新址）",
        "scope_path": world.squad2.path,
        "squad_id": world.squad2.pk,
        "version": version + 1,
    }


def test_unit_update_on_a_stale_version_changes_nothing(world):
    unit = world.unit1
    stale = unit.version
    Unit.objects.filter(pk=unit.pk).update(version=stale + 1)  # somebody saved meanwhile
    with pytest.raises(StaleEditError) as caught:
        services.unit_update(
            unit=unit, actor=world.users["bureau"], expected_version=stale, name="改名"
        )
    assert caught.value.messages == ["该记录已被他人修改，请刷新页面后重新编辑。"]
    fresh = Unit.objects.get(pk=unit.pk)
    assert fresh.name == "永济市人民医院"
    assert fresh.version == stale + 1
    assert not AuditEvent.objects.filter(action="unit.update").exists()


def test_an_inspector_cannot_move_his_unit_to_the_other_squad(world):
    unit = world.unit1
    with pytest.raises(ValidationError) as caught:
        services.unit_update(
            unit=unit,
            actor=world.users["inspector1"],
            expected_version=unit.version,
            squad=world.squad2,
        )
    assert caught.value.code == "out_of_scope"
    assert Unit.objects.get(pk=unit.pk).squad == world.squad1


def test_unit_change_status_writes_history_and_audit(world):
    unit = world.unit2
    day = timezone.localdate() - datetime.timedelta(days=3)
    change = services.unit_change_status(
        unit=unit,
        actor=world.users["inspector2"],
        status=UnitStatus.SUSPENDED,
        changed_on=day,
        reason="停产检修超过一年",
    )
    unit.refresh_from_db()
    assert (unit.status, unit.status_since) == (UnitStatus.SUSPENDED, day)
    row = UnitStatusChange.objects.get(unit=unit)
    assert row == change
    assert (row.from_status, row.to_status, row.actor) == (
        UnitStatus.NORMAL,
        UnitStatus.SUSPENDED,
        world.users["inspector2"],
    )
    event = AuditEvent.objects.get(action="unit.change_status")
    assert event.before == {"status": "normal"}
    assert event.after == {
        "status": "suspended",
        "changed_on": day.isoformat(),
        "reason": "停产检修超过一年",
    }


def test_unit_change_status_refuses_the_same_status_and_a_future_date(world):
    unit = world.unit1
    with pytest.raises(ValidationError) as caught:
        services.unit_change_status(
            unit=unit, actor=None, status=UnitStatus.NORMAL, changed_on=timezone.localdate()
        )
    assert error_dict(caught)["status"] == ["新状态与当前状态相同。"]
    with pytest.raises(ValidationError) as caught:
        services.unit_change_status(
            unit=unit,
            actor=None,
            status=UnitStatus.CLOSED,
            changed_on=timezone.localdate() + datetime.timedelta(days=1),
        )
    assert error_dict(caught)["changed_on"] == ["变更日期不能晚于今天。"]
    assert not UnitStatusChange.objects.exists()
    assert Unit.objects.get(pk=unit.pk).status == UnitStatus.NORMAL


# --- licences --------------------------------------------------------------------------------


def test_licence_create_updates_the_units_expiry_and_records_the_event(world):
    licence = services.licence_create(
        actor=world.users["unit1"], unit=world.unit1, **licence_fields()
    )
    world.unit1.refresh_from_db()
    assert world.unit1.licence_expires_on == datetime.date(2028, 2, 28)
    event = AuditEvent.objects.get(action="licence.create")
    assert event.object_id == str(licence.pk)
    assert event.after["number"] == "晋环辐证[10001]"
    assert event.after["expires_on"] == "2028-02-28"


def test_licence_expiring_before_it_was_issued_is_refused_on_expires_on(world):
    with pytest.raises(ValidationError) as caught:
        services.licence_create(
            actor=world.users["bureau"],
            unit=world.unit1,
            **licence_fields(expires_on=datetime.date(2023, 2, 1)),
        )
    assert error_dict(caught)["expires_on"] == ["有效期至必须晚于发证日期。"]
    assert not Licence.objects.exists()


def test_a_duplicate_licence_number_is_refused_in_chinese(world):
    LicenceFactory(unit=world.unit2, number="晋环辐证[10001]")
    with pytest.raises(ValidationError) as caught:
        services.licence_create(actor=world.users["bureau"], unit=world.unit1, **licence_fields())
    [message] = error_dict(caught)["number"]
    assert "许可证编号" in message
    assert "已存在" in message
    assert not Licence.objects.filter(unit=world.unit1).exists()


def test_licence_update_records_before_and_after(world):
    licence = services.licence_create(actor=None, unit=world.unit1, **licence_fields())
    services.licence_update(
        licence=licence,
        actor=world.users["bureau"],
        expected_version=licence.version,
        authority="运城市生态环境局",
        authority_level=AuthorityLevel.CITY,
    )
    event = AuditEvent.objects.get(action="licence.update")
    assert event.before["authority"] == "山西省生态环境厅"
    assert event.after["authority"] == "运城市生态环境局"
    assert event.before["authority_level"] == "province"
    assert event.after["authority_level"] == "city"
    assert "number" not in event.after


def test_licence_update_on_a_stale_version_changes_nothing(world):
    licence = services.licence_create(actor=None, unit=world.unit1, **licence_fields())
    stale = licence.version
    Licence.objects.filter(pk=licence.pk).update(version=stale + 1)
    with pytest.raises(StaleEditError):
        services.licence_update(
            licence=licence,
            actor=world.users["bureau"],
            expected_version=stale,
            expires_on=datetime.date(2030, 1, 1),
        )
    assert Licence.objects.get(pk=licence.pk).expires_on == datetime.date(2028, 2, 28)
    world.unit1.refresh_from_db()
    assert world.unit1.licence_expires_on == datetime.date(2028, 2, 28)
    assert not AuditEvent.objects.filter(action="licence.update").exists()


def test_the_units_expiry_follows_its_latest_licence(world):
    unit = world.unit1
    old = services.licence_create(
        actor=None,
        unit=unit,
        **licence_fields(number="A-1", expires_on=datetime.date(2026, 1, 1)),
    )
    services.licence_create(
        actor=None,
        unit=unit,
        **licence_fields(number="A-2", expires_on=datetime.date(2027, 6, 30)),
    )
    unit.refresh_from_db()
    assert unit.licence_expires_on == datetime.date(2027, 6, 30)
    services.licence_update(
        licence=old, actor=None, expected_version=old.version, expires_on=datetime.date(2029, 1, 1)
    )
    unit.refresh_from_db()
    assert unit.licence_expires_on == datetime.date(2029, 1, 1)
