"""The readiness pages: forms write through the services, lists and the unit page show only the
user's scope, the flags appear where the bureau and the unit look."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from radsafe.readiness.models import Drill, EquipmentFault, Instrument
from tests.factories import RayDeviceFactory

from .factories import DrillFactory, FaultFactory, InstrumentFactory, PlanFactory

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


def test_unit_officer_records_a_drill_and_lands_on_the_unit_page(client_as, world):
    client = client_as("unit1")
    today = timezone.localdate()
    response = client.post(
        reverse("readiness:drill-create"),
        {
            "unit": world.unit1.pk,
            "held_on": today.isoformat(),
            "kind": "drill",
            "scenario": "放射源丢失应急演练",
            "participant_count": 12,
        },
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("readiness:unit", args=[world.unit1.pk])
    drill = Drill.objects.get()
    assert (drill.unit, drill.held_on, drill.participant_count) == (world.unit1, today, 12)
    page = client.get(response["Location"]).content.decode()
    assert "放射源丢失应急演练" in page
    assert "未按期演练" not in page
    assert "无应急预案" in page  # no plan yet


def test_fault_form_shows_the_chinese_error_and_writes_nothing(client_as, world):
    today = timezone.localdate()
    response = client_as("unit1").post(
        reverse("readiness:fault-create"),
        {
            "unit": world.unit1.pk,
            "equipment": "门机联锁",
            "description": "失效",
            "reported_on": today.isoformat(),
            "repaired_on": (today - DAY).isoformat(),
        },
    )
    assert response.status_code == 200
    assert "修复日期不能早于报告日期。" in response.content.decode()
    assert not EquipmentFault.objects.exists()


def test_fault_form_offers_only_the_units_own_devices(client_as, world):
    own = RayDeviceFactory(unit=world.unit1, name="本单位探伤机")
    RayDeviceFactory(unit=world.unit2, name="他单位探伤机")
    page = client_as("bureau").get(reverse("readiness:fault-create") + f"?unit={world.unit1.pk}")
    html = page.content.decode()
    assert "本单位探伤机" in html and "他单位探伤机" not in html
    response = client_as("bureau").post(
        reverse("readiness:fault-create"),
        {
            "unit": world.unit1.pk,
            "equipment": "探伤机",
            "device": own.pk,
            "description": "曝光计时器故障",
            "reported_on": timezone.localdate().isoformat(),
            "stayed_in_use": "on",
        },
    )
    assert response.status_code == 302
    assert EquipmentFault.objects.get().device == own


def test_edit_keeps_the_version_and_a_stale_form_is_refused(client_as, world):
    instrument = InstrumentFactory(unit=world.unit1, model="旧型号")
    url = reverse("readiness:instrument-edit", args=[instrument.pk])
    data = {"kind": "survey", "model": "新型号", "in_use": "on", "version": 1}
    assert client_as("unit1").post(url, data).status_code == 302
    assert Instrument.objects.get().model == "新型号"
    again = client_as("bureau").post(url, {**data, "model": "第三个"})
    assert again.status_code == 200
    assert "该记录已被他人修改" in again.content.decode()
    assert Instrument.objects.get().model == "新型号"


def test_other_units_rows_are_404_and_absent_from_lists(client_as, world):
    fault = FaultFactory(unit=world.unit1, equipment="一号单位的故障")
    client = client_as("unit2")
    assert client.get(reverse("readiness:fault-edit", args=[fault.pk])).status_code == 404
    assert client.get(reverse("readiness:unit", args=[world.unit1.pk])).status_code == 404
    assert "一号单位的故障" not in client.get(reverse("readiness:fault-list")).content.decode()
    own = client_as("unit1").get(reverse("readiness:fault-list")).content.decode()
    assert "一号单位的故障" in own


def test_inspector_sees_only_the_squads_units_in_the_overview(client_as, world):
    html = client_as("inspector2").get(reverse("readiness:overview")).content.decode()
    assert world.unit2.name in html and world.unit1.name not in html


def test_overview_filter_flagged_and_the_flag_badges(client_as, world):
    today = timezone.localdate()
    PlanFactory(unit=world.unit1)
    DrillFactory(unit=world.unit1, held_on=today)
    FaultFactory(unit=world.unit2, reported_on=today - 31 * DAY, stayed_in_use=True)
    client = client_as("bureau")
    flagged = client.get(reverse("readiness:overview"), {"flagged": "true"}).content.decode()
    assert world.unit2.name in flagged and world.unit1.name not in flagged
    assert "设备带病运行" in flagged
    clean = client.get(reverse("readiness:overview"), {"flagged": "false"}).content.decode()
    assert world.unit1.name in clean and world.unit2.name not in clean
    unit2_page = client.get(reverse("readiness:unit", args=[world.unit2.pk])).content.decode()
    assert "带病运行" in unit2_page and "无应急预案" in unit2_page
    unit1_page = client.get(reverse("readiness:unit", args=[world.unit1.pk])).content.decode()
    assert "无问题" in unit1_page and "带病运行" not in unit1_page


def test_list_filters_sick_faults_and_overdue_instruments(client_as, world):
    today = timezone.localdate()
    FaultFactory(
        unit=world.unit1, equipment="长期带病", reported_on=today - 40 * DAY, stayed_in_use=True
    )
    FaultFactory(unit=world.unit1, equipment="已停用", reported_on=today - 40 * DAY)
    InstrumentFactory(unit=world.unit1, model="超期仪器", calibrated_on=today - 400 * DAY)
    InstrumentFactory(unit=world.unit1, model="有效仪器", calibrated_on=today)
    client = client_as("unit1")
    sick = client.get(reverse("readiness:fault-list"), {"sick": "true"}).content.decode()
    assert "长期带病" in sick and "已停用" not in sick
    overdue = client.get(reverse("readiness:instrument-list"), {"overdue": "true"})
    html = overdue.content.decode()
    assert "超期仪器" in html and "有效仪器" not in html and "校准超期" in html


def test_viewer_without_change_gets_no_create_button(client_as, world):
    html = client_as("inspector1").get(reverse("readiness:drill-list")).content.decode()
    assert 'id="row-create"' not in html
    assert (
        'id="row-create"'
        in client_as("unit1").get(reverse("readiness:drill-list")).content.decode()
    )
