"""Excel exports of the source and device lists: the user's scope and filters, numbers as
numbers, the current activity decay-corrected, and an audit event for each export."""

import io

import openpyxl
import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from radsafe.core.models import AuditEvent
from tests.factories import RayDeviceFactory, SourceFactory, nuclide

pytestmark = pytest.mark.django_db


def sheet_rows(response) -> list[tuple]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    return list(workbook.active.iter_rows(values_only=True))


def test_source_export_has_the_scope_the_filters_and_the_physics(client_as, world):
    SourceFactory(
        code="0124CO000013",
        unit=world.unit1,
        nuclide=nuclide("Co-60"),
        activity_bq=6e11,
        reference_date=timezone.localdate(),
    )
    SourceFactory(code="0118CS000024", unit=world.unit1)
    SourceFactory(code="0118CS000034", unit=world.unit2)
    response = client_as("unit1").get(reverse("inventory:source-export"), {"nuclide": "Co-60"})
    header, *rows = sheet_rows(response)
    assert header[:7] == (
        "放射源编码",
        "核素",
        "出厂活度（Bq）",
        "活度参考日期",
        "当前活度（Bq）",
        "当前类别",
        "A/D",
    )
    assert len(rows) == 1
    row = dict(zip(header, rows[0], strict=True))
    assert (row["放射源编码"], row["核素"], row["当前类别"], row["出厂类别"]) == (
        "0124CO000013",
        "Co-60",
        2,
        3,
    )
    assert row["当前活度（Bq）"] == pytest.approx(6e11)
    assert row["持有单位"] == world.unit1.name
    event = AuditEvent.objects.get(action="source.export")
    assert event.actor == world.users["unit1"]
    assert event.after == {"filters": {"nuclide": "Co-60"}, "rows": 1}


def test_source_export_leaves_out_other_units(client_as, world):
    SourceFactory(unit=world.unit1)
    SourceFactory(unit=world.foreign_unit)
    _header, *rows = sheet_rows(client_as("inspector1").get(reverse("inventory:source-export")))
    assert [row[8] for row in rows] == [world.unit1.name]


@override_settings(RADSAFE_EXPORT_MAX_ROWS=1)
def test_an_export_over_the_limit_goes_back_with_a_message(client_as, world):
    SourceFactory(unit=world.unit1)
    SourceFactory(unit=world.unit1)
    response = client_as("unit1").get(reverse("inventory:source-export"), follow=True)
    assert "符合条件的放射源共 2 枚，超过单次导出上限 1 枚" in response.content.decode()
    assert not AuditEvent.objects.filter(action="source.export").exists()


def test_device_export(client_as, world):
    RayDeviceFactory(unit=world.unit2, name="DSA", rated_kv=125.0)
    RayDeviceFactory(unit=world.unit1, name="DR")
    header, *rows = sheet_rows(client_as("unit2").get(reverse("inventory:device-export")))
    row = dict(zip(header, rows[0], strict=True))
    assert len(rows) == 1
    assert (row["装置名称"], row["类别"], row["额定管电压（kV）"]) == ("DSA", "Ⅲ类", 125.0)
    assert AuditEvent.objects.get(action="device.export").after["rows"] == 1


def test_a_text_cell_is_never_a_formula(client_as, world):
    SourceFactory(unit=world.unit1, use='=HYPERLINK("x")')
    response = client_as("unit1").get(reverse("inventory:source-export"))
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    header, row = list(workbook.active.iter_rows(max_row=2))
    cell = row[[c.value for c in header].index("用途")]
    assert (cell.value, cell.data_type) == ('=HYPERLINK("x")', "s")  # "f" would be a formula
