"""Excel exports of the readiness pages: the overview's flags as the page computes them, each list's
filters and the user's scope, an audit event per export, and a bounded number of queries."""

import datetime

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from radsafe.core.models import AuditEvent
from radsafe.readiness.models import Drill, EquipmentFault, Instrument
from radsafe.registry.models import Unit
from tests.factories import RayDeviceFactory, valid_credit_code
from tests.xlsx import sheet_dicts

from .factories import DrillFactory, FaultFactory, InstrumentFactory, PlanFactory, SupplyFactory

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)
OVERVIEW = reverse("readiness:overview-export")
DRILLS = reverse("readiness:drill-export")
INSTRUMENTS = reverse("readiness:instrument-export")
FAULTS = reverse("readiness:fault-export")
FLAG_HEADERS = ["无应急预案", "未按期演练", "应急物资超期未检查", "仪器校准超期", "设备带病运行"]


def ready(unit) -> None:
    """Everything a unit needs for no flag at all."""
    PlanFactory(unit=unit)
    DrillFactory(unit=unit)
    SupplyFactory(unit=unit)
    InstrumentFactory(unit=unit)


# --- the overview -------------------------------------------------------------------------------
def test_the_overview_export_has_the_pages_flags(client_as, world):
    ready(world.unit1)
    today = timezone.localdate()
    FaultFactory(unit=world.unit2, stayed_in_use=True, reported_on=today - 40 * DAY)
    client = client_as("bureau")
    rows = {row["单位名称"]: row for row in sheet_dicts(client.get(OVERVIEW))}
    assert set(rows) == {world.unit1.name, world.unit2.name}
    assert [rows[world.unit1.name][header] for header in FLAG_HEADERS] == ["否"] * 5
    assert rows[world.unit1.name]["问题"] is None  # an empty cell
    flagged = rows[world.unit2.name]
    assert [flagged[header] for header in FLAG_HEADERS] == ["是", "是", "否", "否", "是"]
    assert flagged["问题"] == "无应急预案；未按期演练；设备带病运行"
    assert (flagged["属地分局"], flagged["责任中队"]) == ("永济分局", "二中队")
    # The page shows the same: one unit with badges, the other "无".
    page = client.get(reverse("readiness:overview")).context["table"]
    shown = {row.record.name: row.record.sick_faults for row in page.paginated_rows}
    assert shown == {world.unit1.name: False, world.unit2.name: True}


def test_the_overview_export_applies_the_filter_and_is_audited(client_as, world):
    ready(world.unit1)
    rows = sheet_dicts(client_as("bureau").get(OVERVIEW, {"flagged": "true"}))
    assert [row["单位名称"] for row in rows] == [world.unit2.name]
    event = AuditEvent.objects.get(action="readiness.export")
    assert (event.actor_name, event.object_type) == ("bureau", "registry.unit")
    assert event.after == {"filters": {"flagged": "true"}, "rows": 1}


@pytest.mark.parametrize(
    ("role", "expected"),
    [("unit1", ["永济市人民医院"]), ("inspector2", ["永济探伤公司"]), ("city", None)],
)
def test_the_overview_export_holds_only_the_users_scope(client_as, world, role, expected):
    names = [row["单位名称"] for row in sheet_dicts(client_as(role).get(OVERVIEW))]
    assert names == (expected or sorted([world.unit1.name, world.unit2.name, "盐湖区医院"]))


# --- the lists ----------------------------------------------------------------------------------
def test_the_drill_export_applies_filters_and_scope(client_as, world):
    DrillFactory(unit=world.unit1, scenario="放射源丢失", participants="甲、乙")
    DrillFactory(unit=world.unit1, kind="training", scenario="法规培训")
    DrillFactory(unit=world.unit2, scenario="卡源")
    rows = sheet_dicts(client_as("unit1").get(DRILLS, {"kind": "drill"}))
    assert [(row["科目/场景"], row["类型"], row["参加人员"]) for row in rows] == [
        ("放射源丢失", "演练", "甲、乙")
    ]
    assert rows[0]["单位"] == world.unit1.name and rows[0]["参加人数"] == 8
    assert AuditEvent.objects.get(action="drill.export").after == {
        "filters": {"kind": "drill"},
        "rows": 1,
    }
    inspector = sheet_dicts(client_as("inspector1").get(DRILLS))
    assert {row["单位"] for row in inspector} == {world.unit1.name}
    assert len(inspector) == 2


def test_the_instrument_export_marks_overdue_as_the_page_does(client_as, world):
    today = timezone.localdate()
    InstrumentFactory(unit=world.unit1, model="FH40G")
    InstrumentFactory(unit=world.unit1, model="RAD-60", calibrated_on=today - 400 * DAY)
    InstrumentFactory(unit=world.unit2, model="AT1121", calibrated_on=today - 400 * DAY)
    rows = sheet_dicts(client_as("inspector1").get(INSTRUMENTS))
    assert {row["型号"]: row["校准超期"] for row in rows} == {"FH40G": "否", "RAD-60": "是"}
    overdue = sheet_dicts(client_as("bureau").get(INSTRUMENTS, {"overdue": "true"}))
    assert sorted(row["型号"] for row in overdue) == ["AT1121", "RAD-60"]
    assert AuditEvent.objects.filter(action="instrument.export").count() == 2


def test_the_fault_export_states_each_fault(client_as, world):
    today = timezone.localdate()
    device = RayDeviceFactory(unit=world.unit2, name="XXG-2505")
    FaultFactory(
        unit=world.unit2,
        equipment="门机联锁",
        device=device,
        stayed_in_use=True,
        reported_on=today - 31 * DAY,
    )
    FaultFactory(unit=world.unit2, equipment="警示灯", reported_on=today - 5 * DAY)
    FaultFactory(unit=world.unit2, equipment="剂量报警", repaired_on=today)
    FaultFactory(unit=world.unit1, equipment="别家的")
    rows = sheet_dicts(client_as("unit2").get(FAULTS))
    states = {row["故障设备"]: (row["状态"], row["射线装置"]) for row in rows}
    assert states == {
        "门机联锁": ("带病运行", "XXG-2505"),
        "警示灯": ("未修复", None),
        "剂量报警": ("已修复", None),
    }
    sick = sheet_dicts(client_as("bureau").get(FAULTS, {"sick": "true"}))
    assert [row["故障设备"] for row in sick] == ["门机联锁"]


def test_the_pages_offer_the_export_with_their_filters(client_as, world):
    client = client_as("inspector1")
    html = client.get(reverse("readiness:overview"), {"flagged": "true"}).content.decode()
    assert f'href="{OVERVIEW}?flagged=true"' in html
    for name, url in [
        ("drill-list", DRILLS),
        ("instrument-list", INSTRUMENTS),
        ("fault-list", FAULTS),
    ]:
        html = client.get(reverse(f"readiness:{name}")).content.decode()
        assert f'id="readiness-export" class="btn btn-outline-success btn-sm" href="{url}"' in html


@override_settings(RADSAFE_EXPORT_MAX_ROWS=1)
def test_too_many_rows_go_back_to_the_list(client_as, world):
    DrillFactory(unit=world.unit1)
    DrillFactory(unit=world.unit1)
    response = client_as("unit1").get(DRILLS, follow=True)
    assert "符合条件的演练/培训记录共 2 条，超过单次导出上限 1 条" in response.content.decode()
    assert response.redirect_chain[0][0].startswith(reverse("readiness:drill-list"))
    assert not AuditEvent.objects.filter(action="drill.export").exists()


# --- query budgets ------------------------------------------------------------------------------
def _rows(world, n: int, start: int) -> None:
    today = timezone.localdate()
    units = (world.unit1, world.unit2)
    device = RayDeviceFactory(unit=world.unit1)
    Drill.objects.bulk_create(
        Drill(
            unit=units[i % 2], held_on=today, kind="drill", scenario=f"演练{i}", participant_count=5
        )
        for i in range(start, start + n)
    )
    Instrument.objects.bulk_create(
        Instrument(unit=units[i % 2], kind="alarm", model=f"仪器{i}", calibration_due=today)
        for i in range(start, start + n)
    )
    EquipmentFault.objects.bulk_create(
        EquipmentFault(
            unit=units[i % 2],
            equipment=f"设备{i}",
            description="x",
            reported_on=today,
            device=device if i % 2 == 0 else None,
        )
        for i in range(start, start + n)
    )
    Unit.objects.bulk_create(
        Unit(
            name=f"单位{i:05d}",
            credit_code=valid_credit_code(20_000 + i),
            jurisdiction=world.county,
            squad=world.squad1,
            scope_path=world.unit1.scope_path,
        )
        for i in range(start, start + n)
    )


@pytest.mark.parametrize("role", ["bureau", "unit1"])
def test_the_exports_cost_the_same_queries_for_10_and_500_rows(
    client_as, world, role, django_assert_max_num_queries
):
    client = client_as(role)
    urls = [OVERVIEW, DRILLS, INSTRUMENTS, FAULTS]

    def measured(url) -> int:
        with django_assert_max_num_queries(15) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    _rows(world, 10, 0)
    small = [measured(url) for url in urls]
    _rows(world, 490, 10)
    large = [measured(url) for url in urls]
    assert large == small
    expected = 500 if role == "bureau" else 250
    assert len(sheet_dicts(client.get(FAULTS))) == expected
