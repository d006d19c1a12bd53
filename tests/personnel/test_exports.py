"""Excel exports of the worker and dose lists: the masked ID number only, the list's filters and
the user's scope, an audit event per export, a bounded number of queries; and the suite's ID
number scan, which now opens .xlsx answers too."""

import datetime
import io
from decimal import Decimal

import pytest
from django.http import FileResponse
from django.test import override_settings
from django.urls import reverse

from radsafe.core.exports import XLSX_CONTENT_TYPE, ExportColumn, write_workbook
from radsafe.core.models import AuditEvent
from radsafe.personnel import exports
from radsafe.personnel.models import DoseRecord, Worker
from radsafe.personnel.services.doses import dose_record_create
from tests import leak_scan
from tests.xlsx import sheet_dicts, workbook_of

from .factories import id_number, make_worker

pytestmark = pytest.mark.django_db
D = datetime.date
WORKERS = reverse("personnel:worker-export")
DOSES = reverse("personnel:dose-export")


Q1_START, Q1_END = D(2023, 1, 1), D(2023, 3, 31)


def dose(worker, start=Q1_START, end=Q1_END, hp10="0.100", **extra):
    return dose_record_create(
        actor=None, worker=worker, period_start=start, period_end=end, hp10_msv=hp10, **extra
    )


# --- the worker list ----------------------------------------------------------------------------
def test_the_worker_export_holds_the_masked_number_and_never_the_clear_one(client_as, world):
    number = id_number()
    worker = make_worker(world.unit1, number=number, name="李四", post="探伤员")
    response = client_as("unit1").get(WORKERS)
    cells = [
        cell for row in workbook_of(response).active.iter_rows(values_only=True) for cell in row
    ]
    assert worker.id_number_masked in cells
    assert worker.id_number_masked == number[:3] + "*" * 11 + number[-4:]
    assert not any(number in str(cell) for cell in cells)
    [row] = sheet_dicts(client_as("unit1").get(WORKERS))
    assert row == {
        "姓名": "李四",
        "身份证号码": worker.id_number_masked,
        "单位": world.unit1.name,
        "性别": "男",
        "工作类别": "X射线诊断",
        "岗位": "探伤员",
        "入职日期": datetime.datetime(2020, 1, 1),
        "离职日期": None,
    }


def test_the_worker_export_applies_the_list_filters_and_is_audited(client_as, world):
    make_worker(world.unit1, name="在岗甲", work_type="flaw_detection")
    make_worker(world.unit1, name="离职乙", work_type="flaw_detection", left_on=D(2023, 5, 1))
    make_worker(world.unit1, name="在岗丙", work_type="nuclear_medicine")
    params = {"work_type": "flaw_detection", "on_duty": "true"}
    rows = sheet_dicts(client_as("unit1").get(WORKERS, params))
    assert [row["姓名"] for row in rows] == ["在岗甲"]
    event = AuditEvent.objects.get(action="worker.export")
    assert (event.actor_name, event.object_type) == ("unit1", "personnel.worker")
    assert event.after == {"filters": params, "rows": 1}


@pytest.mark.parametrize(
    ("role", "units"),
    [("unit1", {"永济市人民医院"}), ("inspector1", {"永济市人民医院"}), ("bureau", None)],
)
def test_the_worker_export_holds_only_the_users_scope(client_as, world, role, units):
    for unit in (world.unit1, world.unit2, world.foreign_unit):
        make_worker(unit)
    rows = sheet_dicts(client_as(role).get(WORKERS))
    expected = units or {world.unit1.name, world.unit2.name}
    assert {row["单位"] for row in rows} == expected
    assert len(rows) == len(expected)


def test_a_bad_filter_or_too_many_rows_go_back_to_the_list(client_as, world):
    make_worker(world.unit1)
    make_worker(world.unit1)
    client = client_as("unit1")
    bad = client.get(WORKERS, {"work_type": "astronaut"}, follow=True)
    assert "筛选条件有误，未导出。" in bad.content.decode()
    assert bad.redirect_chain[0][0].startswith(reverse("personnel:worker-list"))
    with override_settings(RADSAFE_EXPORT_MAX_ROWS=1):
        refused = client.get(WORKERS, follow=True)
    assert "符合条件的人员共 2 人，超过单次导出上限 1 人" in refused.content.decode()
    assert not AuditEvent.objects.filter(action="worker.export").exists()


def test_the_list_pages_offer_the_export_with_their_filters(client_as, world):
    html = client_as("inspector1").get(reverse("personnel:worker-list"), {"q": "张"}).content
    assert f'href="{WORKERS}?q=%E5%BC%A0"' in html.decode()
    html = client_as("city").get(reverse("personnel:dose-list")).content.decode()
    assert f'id="dose-export" class="btn btn-outline-success btn-sm" href="{DOSES}"' in html


# --- the dose list ------------------------------------------------------------------------------
def test_the_dose_export_has_numbers_the_masked_number_and_the_investigation_flag(client_as, world):
    worker = make_worker(world.unit1, name="王五")
    dose(worker, hp10="1.300", hp3_msv="2.5", service="省疾控中心")  # above 1.25 a quarter
    dose(worker, start=D(2023, 4, 1), end=D(2023, 6, 29), hp10="0.050")
    rows = sheet_dicts(client_as("bureau").get(DOSES))
    assert [row["监测开始日期"].date() for row in rows] == [D(2023, 4, 1), D(2023, 1, 1)]
    first = rows[1]
    assert (first["人员"], first["身份证号码"], first["单位"]) == (
        "王五",
        worker.id_number_masked,
        world.unit1.name,
    )
    assert first["Hp(10)（mSv）"] == pytest.approx(1.3)
    assert first["Hp(3)（mSv）"] == pytest.approx(2.5)
    assert first["Hp(0.07)（mSv）"] is None
    assert (first["超过调查水平"], rows[0]["超过调查水平"]) == ("是", "否")
    assert first["剂量监测机构"] == "省疾控中心"


def test_the_dose_export_applies_filters_and_scope_and_is_audited(client_as, world):
    mine, other = make_worker(world.unit1), make_worker(world.unit1)
    dose(mine)
    dose(mine, start=D(2024, 1, 1), end=D(2024, 3, 30))
    dose(other)
    dose(make_worker(world.unit2))
    params = {"worker": str(mine.pk), "since": "2024-01-01"}
    rows = sheet_dicts(client_as("unit1").get(DOSES, params))
    assert [(row["人员"], row["监测开始日期"].date()) for row in rows] == [
        (mine.name, D(2024, 1, 1))
    ]
    assert AuditEvent.objects.get(action="dose.export").after == {"filters": params, "rows": 1}
    inspector = sheet_dicts(client_as("inspector2").get(DOSES))
    assert {row["单位"] for row in inspector} == {world.unit2.name}
    assert len(sheet_dicts(client_as("unit1").get(DOSES))) == 3


# --- query budgets ------------------------------------------------------------------------------
def add_workers(unit, n: int, start: int) -> list[Worker]:
    return Worker.objects.bulk_create(
        Worker(
            unit=unit,
            scope_path=unit.scope_path,
            name=f"人员{i}",
            id_number_cipher=b"-",
            id_number_index=f"index-{i}",
            id_number_masked=f"140***********{i:04d}",
            sex="female",
            work_type="other",
            employed_on=D(2020, 1, 1),
        )
        for i in range(start, start + n)
    )


def add_doses(workers, start_year: int) -> None:
    DoseRecord.objects.bulk_create(
        DoseRecord(
            worker=worker,
            unit_id=worker.unit_id,
            scope_path=worker.scope_path,
            period_start=D(start_year, 1, 1),
            period_end=D(start_year, 3, 31),
            hp10_msv=Decimal("0.100"),
        )
        for worker in workers
    )


@pytest.mark.parametrize("role", ["bureau", "unit1"])
def test_the_exports_cost_the_same_queries_for_10_and_500_rows(
    client_as, world, role, django_assert_max_num_queries
):
    client = client_as(role)

    def measured(url) -> int:
        with django_assert_max_num_queries(15) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    add_doses(add_workers(world.unit1, 10, 0), 2023)
    small = [measured(WORKERS), measured(DOSES)]
    add_doses(add_workers(world.unit1, 490, 10), 2023)
    large = [measured(WORKERS), measured(DOSES)]
    assert large == small
    assert len(sheet_dicts(client.get(DOSES))) == 500


# --- the ID number scan opens workbooks ---------------------------------------------------------
def _xlsx_response(text: str) -> FileResponse:
    output, _rows = write_workbook(
        sheet_title="x", columns=[ExportColumn("号码", 20, lambda value: value)], records=[text]
    )
    return FileResponse(output, as_attachment=True, content_type=XLSX_CONTENT_TYPE)


def test_the_scan_unzips_an_xlsx_and_fails_one_that_leaks_a_number():
    number = id_number()
    leaking = _xlsx_response(number)
    body = b"".join(_xlsx_response(number).streaming_content)
    assert number.encode() not in body  # deflated: the plain scan of the bytes would miss it
    request = leak_scan.scanned_request(lambda client, **request: leaking)
    with pytest.raises(AssertionError, match="clear ID number"):
        request(None, PATH_INFO="/personnel/workers/export/")
    masked = number[:3] + "*" * 11 + number[-4:]
    request = leak_scan.scanned_request(lambda client, **request: _xlsx_response(masked))
    response = request(None, PATH_INFO="/personnel/workers/export/")
    assert leak_scan.SCANNED[-1] == "/personnel/workers/export/"
    rows = list(workbook_of(response).active.iter_rows(values_only=True))  # still whole
    assert rows == [("号码",), (masked,)]


def test_the_scanning_client_fails_a_worker_export_that_would_leak(client_as, world, monkeypatch):
    number = id_number()
    make_worker(world.unit1, number=number)
    leaking = [ExportColumn("身份证号码", 20, lambda worker: number)]
    monkeypatch.setattr(exports, "worker_columns", lambda: leaking)
    with pytest.raises(AssertionError, match="clear ID number"):
        client_as("unit1").get(WORKERS)


def test_another_stream_is_left_for_the_test_to_read():
    response = FileResponse(io.BytesIO(b"%PDF-1.7"), content_type="application/pdf")
    scanned = leak_scan.scanned_request(lambda client, **request: response)
    id_number()  # the scan runs once a number has been issued
    assert scanned(None, PATH_INFO="/x/") is response
    assert b"".join(response.streaming_content) == b"%PDF-1.7"
