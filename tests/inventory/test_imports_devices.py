"""The ray-device import: upsert by (unit, 型号, 出厂编号), class from the type by default, status
transitions through the service, all or nothing."""

import pytest

from radsafe.core.imports import ImportRejected
from radsafe.core.models import AuditEvent
from radsafe.inventory.imports import devices
from radsafe.inventory.models import RayDevice
from tests.factories import RayDeviceFactory

from .test_imports_sources import errors_by_row, sheet_of

pytestmark = pytest.mark.django_db

HEADERS = [
    "持有单位信用代码",
    "装置名称*",
    "类型*",
    "类别",
    "型号",
    "出厂编号*",
    "额定管电压(kV)",
    "额定管电流(mA)",
    "能量(MeV)",
    "用途",
    "场所",
    "状态",
]


def row(world, n: int, **overrides) -> dict:
    values = {
        "持有单位信用代码": world.unit1.credit_code,
        "装置名称": f"DR 摄影系统{n}",
        "类型": "医用诊断X射线机",
        "类别": "",
        "型号": "DR-100",
        "出厂编号": f"SN{n:04d}",
        "额定管电压(kV)": 150,
        "额定管电流(mA)": "630",
        "用途": "医疗诊断",
        "场所": f"放射科{n}号机房",
        "状态": "",
    }
    values.update(overrides)
    return values


def plan_for(rows, actor, headers=HEADERS):
    sheet = sheet_of(rows, headers=headers, columns=devices.COLUMNS)
    return devices.plan_device_import(rows=sheet.rows, actor=actor)


def commit(rows, actor, headers=HEADERS):
    sheet = sheet_of(rows, headers=headers, columns=devices.COLUMNS)
    return devices.commit_device_import(rows=sheet.rows, actor=actor, sha256=sheet.sha256)


def test_devices_are_created_then_matched_by_unit_model_and_serial(world):
    officer = world.users["unit1"]
    rows = [row(world, n) for n in range(20)]
    rows[5].update(类型="工业X射线探伤机", 类别="", 状态="停用")
    rows[6].update(类型="医用CT", 类别="Ⅱ类")  # a class apart from the type's usual one

    plan = commit(rows, officer)

    assert plan.counts == {"create": 20, "update": 0, "unchanged": 0}
    created = RayDevice.objects.filter(unit=world.unit1, model="DR-100")
    assert created.count() == 20
    flaw = created.get(serial_number="SN0005")
    assert (flaw.device_class, flaw.status, flaw.rated_ma) == (2, "stopped", 630.0)
    assert created.get(serial_number="SN0006").device_class == 2
    assert created.get(serial_number="SN0007").device_class == 3  # the type's usual class
    assert AuditEvent.objects.filter(action="device.create").count() == 20
    versions = dict(created.values_list("pk", "version"))

    again = commit(rows, officer)

    assert again.counts == {"create": 0, "update": 0, "unchanged": 20}
    assert dict(created.values_list("pk", "version")) == versions


def test_an_update_changes_only_what_differs_and_follows_the_status_rules(world):
    device = RayDeviceFactory(unit=world.unit1, model="DR-100", serial_number="SN0001")
    rows = [row(world, 1, 装置名称=device.name, 场所="新机房", 状态="报废")]

    plan = plan_for(rows, world.users["bureau"])

    assert plan.errors == []
    assert plan.rows[0].changes == ["额定管电压(kV)", "额定管电流(mA)", "用途", "场所", "状态"]
    commit(rows, world.users["bureau"])
    device.refresh_from_db()
    assert (device.location, device.status, device.version) == ("新机房", "scrapped", 2)
    back = plan_for(
        [row(world, 1, 装置名称=device.name, 场所="新机房", 状态="在用")], world.users["bureau"]
    )
    assert errors_by_row(back) == {2: [("状态", "射线装置状态不能从“报废”改为“在用”。")]}


def test_bad_rows_are_named_and_nothing_is_written(world):
    rows = [
        row(world, 1),
        row(world, 2, 类型="火箭发动机"),
        row(world, 3, 出厂编号=""),
        row(world, 4, 类别="Ⅳ"),
        row(world, 5, **{"额定管电压(kV)": -5}),
        row(world, 6, 装置名称=""),
        row(world, 7, 持有单位信用代码=world.unit2.credit_code),
        row(world, 1),
    ]
    found = errors_by_row(plan_for(rows, world.users["unit1"]))
    assert found[3] == [("类型", "射线装置类型“火箭发动机”不存在，可选类型见模板“说明”页")]
    assert found[4] == [("出厂编号", "不能为空")]
    assert found[5] == [("类别", "“Ⅳ”无效，应为：Ⅰ、Ⅱ、Ⅲ")]
    assert found[6] == [("额定管电压(kV)", "额定管电压（kV）必须大于 0。")]
    assert found[7] == [("装置名称", "不能为空")]
    assert found[8] == [("持有单位信用代码", "该单位不在您的数据范围内（或尚未登记）")]
    assert found[9] == [("出厂编号", "与第 2 行的单位、型号和出厂编号相同")]
    assert 2 not in found
    with pytest.raises(ImportRejected):
        commit(rows, world.users["unit1"])
    assert not RayDevice.objects.exists()


def test_two_registered_devices_with_the_same_key_are_not_guessed_between(world):
    for _ in range(2):
        RayDeviceFactory(unit=world.unit1, model="DR-100", serial_number="SN0001")
    found = errors_by_row(plan_for([row(world, 1)], world.users["unit1"]))
    assert found[2][0][0] == "出厂编号" and "无法确定更新哪一台" in found[2][0][1]
