"""The asset services: what they write (the source and its arrival event, the audit), and the bad
input of issue 3 refused with a Chinese message on the field and nothing written."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from radsafe.core.models import AuditEvent
from radsafe.core.versioning import StaleEditError
from radsafe.inventory.models import Movement, Nuclide, RayDevice, Source, StorageSite
from radsafe.inventory.services.assets import (
    device_create,
    device_update,
    site_create,
    site_update,
    source_create,
    source_update,
)
from radsafe.inventory.services.reference import nuclide_update
from tests.factories import (
    RayDeviceFactory,
    SourceFactory,
    StorageSiteFactory,
    device_type,
    nuclide,
)

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


def counts() -> tuple[int, int, int, int]:
    return (
        Source.objects.count(),
        Movement.objects.count(),
        AuditEvent.objects.filter(action__startswith="source.").count(),
        RayDevice.objects.count(),
    )


def refused(call, **kwargs) -> dict[str, list[str]]:
    with pytest.raises(ValidationError) as caught:
        call(**kwargs)
    return caught.value.message_dict


def new_source(world, actor="unit1", **overrides):
    fields = {
        "actor": world.users[actor],
        "unit": world.unit1,
        "code": "0118CS000014",
        "nuclide": nuclide("Cs-137"),
        "activity_bq": 3.7e10,
        "reference_date": datetime.date(2018, 3, 1),
        "status": "stored",
        "manufactured_on": datetime.date(2018, 1, 20),
    }
    return {**fields, **overrides}


# --- sources ---------------------------------------------------------------------------------
def test_source_create_writes_the_source_its_arrival_and_the_audit(world):
    site = StorageSiteFactory(unit=world.unit1)
    arrived = timezone.now() - datetime.timedelta(days=3)
    source = source_create(
        **new_source(world, site=site, arrived_at=arrived, person="张三", use="料位计")
    )
    source.refresh_from_db()
    assert (source.code, source.category_at_manufacture, source.unit, source.site) == (
        "0118CS000014",
        4,
        world.unit1,
        site,
    )
    assert (source.status, source.is_checked_out, source.use) == ("stored", False, "料位计")
    (arrival,) = Movement.objects.filter(source=source)
    assert (arrival.kind, arrival.site, arrival.person, arrival.to_status) == (
        "arrival",
        site,
        "张三",
        "stored",
    )
    assert arrival.occurred_at == arrived
    assert arrival.recorded_by == world.users["unit1"]
    assert arrival.unit == world.unit1
    event = AuditEvent.objects.get(action="source.create")
    assert event.object_id == str(source.pk)
    assert event.after["code"] == "0118CS000014"
    assert event.after["arrival_movement"] == arrival.pk


def test_source_create_defaults_the_person_and_time_of_arrival(world):
    before = timezone.now()
    source = source_create(**new_source(world, status="in_use", work_place="二号车间"))
    arrival = Movement.objects.get(source=source)
    assert arrival.person == "unit1"
    assert arrival.occurred_at >= before
    assert (arrival.site, arrival.destination) == (None, "二号车间")


def test_nuclide_may_be_named_by_symbol_or_chinese_name(world):
    assert source_create(**new_source(world, nuclide="co-60")).nuclide.symbol == "Co-60"
    second = new_source(world, code="0118CS000022", nuclide="铯-137")
    assert source_create(**second).nuclide.symbol == "Cs-137"


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"nuclide": "Xx-999"}, "nuclide", "核素“Xx-999”不存在"),
        ({"nuclide": None}, "nuclide", "请选择核素"),
        ({"activity_bq": 0.0}, "activity_bq", "出厂活度必须是大于 0"),
        ({"activity_bq": -3.7e10}, "activity_bq", "出厂活度必须是大于 0"),
        ({"activity_bq": float("nan")}, "activity_bq", "出厂活度必须是大于 0"),
        ({"reference_date": "tomorrow"}, "reference_date", "活度参考日期不能晚于今天"),
        ({"code": "0118CS0001"}, "code", "放射源编码应为 12 位"),
        ({"code": "0118cs000014"}, "code", "字母必须大写"),
        ({"code": "011ACS000014"}, "code", "第 3–4 位"),
        ({"code": "0118CS000016"}, "code", "第 12 位"),
        ({"code": "01NNCS000014"}, "code", "只适用于 2005 年以前"),
        ({"manufactured_on": datetime.date(2017, 5, 1)}, "manufactured_on", "不一致"),
        ({"status": "lost"}, "status", "新登记的放射源状态只能是"),
        ({"arrived_at": "future"}, "arrived_at", "入库时间不能晚于当前时间"),
    ],
)
def test_source_create_bad_input_names_the_field_and_writes_nothing(
    world, overrides, field, message
):
    if overrides.get("reference_date") == "tomorrow":
        overrides = {"reference_date": TODAY() + datetime.timedelta(days=1)}
    if overrides.get("arrived_at") == "future":
        overrides = {"arrived_at": timezone.now() + datetime.timedelta(hours=2)}
    before = counts()
    errors = refused(source_create, **new_source(world, **overrides))
    assert any(message in text for text in errors[field]), errors
    assert counts() == before


def test_nn_year_is_accepted_for_an_old_or_undated_source(world):
    assert source_create(**new_source(world, code="01NNCS000014", manufactured_on=None)).pk
    old = new_source(world, code="01NNCS000022", manufactured_on=datetime.date(1998, 1, 1))
    assert source_create(**old).pk


def test_a_code_already_registered_is_refused(world):
    SourceFactory(code="0118CS000014", unit=world.unit2)
    before = counts()
    errors = refused(source_create, **new_source(world))
    assert errors["code"] == ["放射源编码 0118CS000014 已登记。"]
    assert counts() == before


def test_a_site_of_another_unit_is_refused(world):
    other_site = StorageSiteFactory(unit=world.unit2)
    before = counts()
    errors = refused(source_create, **new_source(world, site=other_site))
    assert errors["site"] == ["贮存场所必须属于该放射源的持有单位。"]
    assert counts() == before


@pytest.mark.parametrize(("actor", "unit"), [("unit1", "unit2"), ("inspector2", "unit1")])
def test_a_unit_outside_the_actors_scope_is_refused(world, actor, unit):
    before = counts()
    errors = refused(source_create, **new_source(world, actor=actor, unit=getattr(world, unit)))
    assert errors["unit"] == ["单位不存在或不在您的数据范围内。"]
    assert counts() == before


def test_source_update_corrects_the_record_and_audits_before_and_after(world):
    source = source_create(**new_source(world))
    updated = source_update(
        source=source,
        actor=world.users["bureau"],
        expected_version=source.version,
        code="0118CS000013",
        activity_bq=5e10,
        nuclide="Co-60",
    )
    updated.refresh_from_db()
    assert (updated.code, updated.category_at_manufacture, updated.activity_bq) == (
        "0118CS000013",
        3,
        5e10,
    )
    assert updated.nuclide.symbol == "Co-60"
    assert updated.version == 2
    event = AuditEvent.objects.get(action="source.update")
    assert event.before == {
        "activity_bq": 3.7e10,
        "category_at_manufacture": 4,
        "code": "0118CS000014",
        "nuclide_id": nuclide("Cs-137").pk,
        "version": 1,
    }
    assert event.after["code"] == "0118CS000013"
    assert event.actor == world.users["bureau"]


def test_source_update_refuses_a_stale_version_and_bad_values(world):
    source = source_create(**new_source(world))
    stale = Source.objects.get(pk=source.pk)
    source_update(source=source, actor=None, expected_version=1, use="探伤")
    with pytest.raises(StaleEditError):
        source_update(source=stale, actor=None, expected_version=1, use="测厚")
    errors = refused(
        source_update,
        source=Source.objects.get(pk=source.pk),
        actor=None,
        expected_version=2,
        activity_bq=-1.0,
    )
    assert "activity_bq" in errors
    assert Source.objects.get(pk=source.pk).activity_bq == 3.7e10


@pytest.mark.parametrize("field", ["status", "site", "is_checked_out", "unit"])
def test_location_and_status_are_the_registers_alone(world, field):
    source = SourceFactory(unit=world.unit1)
    with pytest.raises(ValueError, match=field):
        source_update(source=source, actor=None, expected_version=1, **{field: None})


# --- ray devices -----------------------------------------------------------------------------
def test_device_class_defaults_to_its_types_class_and_may_differ(world):
    actor = world.users["unit1"]
    ct = device_create(actor=actor, unit=world.unit1, name="CT机", device_type="医用CT")
    assert ct.device_class == 3
    linac = device_create(
        actor=actor,
        unit=world.unit1,
        name="加速器",
        device_type=device_type("医用直线加速器（<100MeV）"),
        device_class=1,
        energy_mev=150,
    )
    assert linac.device_class == 1
    assert AuditEvent.objects.filter(action="device.create").count() == 2


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"device_class": 4}, "device_class", "Ⅰ类、Ⅱ类或Ⅲ类"),
        ({"rated_kv": -150.0}, "rated_kv", "必须大于 0"),
        ({"energy_mev": 0.0}, "energy_mev", "必须大于 0"),
        ({"name": "  "}, "name", "请填写装置名称"),
        ({"device_type": "不存在的类型"}, "device_type", "不存在"),
        ({"status": "flying"}, "status", "状态无效"),
    ],
)
def test_device_bad_input_names_the_field(world, overrides, field, message):
    fields = {"name": "DR", "device_type": device_type(), **overrides}
    errors = refused(device_create, actor=world.users["bureau"], unit=world.unit1, **fields)
    assert any(message in text for text in errors[field]), errors
    assert not RayDevice.objects.exists()


def test_device_status_moves_forward_only(world):
    device = RayDeviceFactory(unit=world.unit1)
    device_update(device=device, actor=None, expected_version=1, status="scrapped")
    errors = refused(device_update, device=device, actor=None, expected_version=2, status="in_use")
    assert errors["status"] == ["射线装置状态不能从“报废”改为“在用”。"]
    device.refresh_from_db()
    assert device.status == "scrapped"
    event = AuditEvent.objects.get(action="device.update")
    assert (event.before, event.after) == (
        {"status": "in_use", "version": 1},
        {"status": "scrapped", "version": 2},
    )


# --- storage sites ---------------------------------------------------------------------------
def test_site_names_are_unique_per_unit(world):
    actor = world.users["bureau"]
    fields = {"name": "一号源库", "kind": "storage", "place": "东院", "dual_lock": True}
    site = site_create(actor=actor, unit=world.unit1, **fields)
    assert site_create(actor=actor, unit=world.unit2, **fields).pk != site.pk
    errors = refused(site_create, actor=actor, unit=world.unit1, **fields)
    assert errors["name"] == ["该单位已有名为“一号源库”的贮存场所。"]
    assert StorageSite.objects.filter(unit=world.unit1).count() == 1


def test_site_update_is_versioned_and_audited(world):
    site = StorageSiteFactory(unit=world.unit1, video=False)
    site_update(site=site, actor=world.users["unit1"], expected_version=1, video=True)
    with pytest.raises(StaleEditError):
        site_update(site=site, actor=world.users["unit1"], expected_version=1, alarm=False)
    event = AuditEvent.objects.get(action="site.update")
    assert (event.before, event.after) == (
        {"version": 1, "video": False},
        {"version": 2, "video": True},
    )


# --- nuclides --------------------------------------------------------------------------------
def test_nuclide_update_by_the_administrator_is_audited(world):
    iodine = nuclide("I-125")
    nuclide_update(
        nuclide=iodine,
        actor=world.users["sysadmin"],
        expected_version=1,
        d_value_tbq=0.2,
        verified=True,
        exemption_bq=1e6,
        code="I5",
    )
    iodine.refresh_from_db()
    assert (iodine.verified, iodine.exemption_bq, iodine.code, iodine.version) == (
        True,
        1e6,
        "I5",
        2,
    )
    event = AuditEvent.objects.get(action="nuclide.update")
    assert event.before == {"code": "", "exemption_bq": None, "verified": False, "version": 1}
    assert event.after == {"code": "I5", "exemption_bq": 1e6, "verified": True, "version": 2}


def test_the_half_life_is_never_edited(world):
    with pytest.raises(ValueError, match="half_life_s"):
        nuclide_update(
            nuclide=nuclide("Co-60"),
            actor=world.users["sysadmin"],
            expected_version=1,
            half_life_s=1.0,
        )


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"d_value_tbq": 0.0}, "d_value_tbq"),
        ({"exemption_bq": -5.0}, "exemption_bq"),
        ({"code": "c"}, "code"),
        ({"name_zh": ""}, "name_zh"),
    ],
)
def test_nuclide_bad_values_are_refused(world, overrides, field):
    cobalt = nuclide("Co-60")
    errors = refused(
        nuclide_update,
        nuclide=cobalt,
        actor=world.users["sysadmin"],
        expected_version=1,
        **overrides,
    )
    assert field in errors
    assert Nuclide.objects.get(symbol="Co-60").d_value_tbq == 0.03


def test_a_nuclide_code_is_used_once(world):
    admin = world.users["sysadmin"]
    nuclide_update(nuclide=nuclide("Co-60"), actor=admin, expected_version=1, code="CO")
    errors = refused(
        nuclide_update, nuclide=nuclide("Co-57"), actor=admin, expected_version=1, code="CO"
    )
    assert "已由 钴-60 (Co-60) 使用" in errors["code"][0]


def test_only_the_administrator_edits_nuclides(world):
    with pytest.raises(PermissionDenied):
        nuclide_update(
            nuclide=nuclide("Co-60"),
            actor=world.users["bureau"],
            expected_version=1,
            d_value_tbq=1.0,
        )
    assert nuclide("Co-60").d_value_tbq == 0.03
