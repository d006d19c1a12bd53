"""The inventory import pages: who may use them, the templates (whose example rows import), and a
dry run confirmed through the signed ticket, which is bound to its import."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from radsafe.core.imports import validate_upload
from radsafe.core.models import AuditEvent
from radsafe.inventory.imports.specs import DEVICE_IMPORT, MOVEMENT_IMPORT, SOURCE_IMPORT
from radsafe.inventory.models import Movement, RayDevice, Source
from radsafe.inventory.services.assets import source_create
from tests.factories import StorageSiteFactory

from . import test_imports_devices as device_file
from . import test_imports_movements as movement_file
from .test_imports_sources import HEADERS, row, xlsx_bytes

pytestmark = pytest.mark.django_db

SPECS = {"source": SOURCE_IMPORT, "device": DEVICE_IMPORT, "movement": MOVEMENT_IMPORT}


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def site(world):
    return StorageSiteFactory(unit=world.unit1, name="一号源库")


def url(kind: str, suffix: str = "") -> str:
    return reverse(f"inventory:{kind}-import{suffix}")


def post_file(client, kind: str, content: bytes):
    return client.post(url(kind), {"file": SimpleUploadedFile("f.xlsx", content)})


@pytest.mark.parametrize("name", ["inspector1", "sysadmin", "city"])
@pytest.mark.parametrize("kind", list(SPECS))
def test_roles_without_the_import_capability_get_403(client_as, world, name, kind):
    client = client_as(name)
    assert client.get(url(kind)).status_code == 403
    assert client.get(url(kind, "-template")).status_code == 403
    assert client.post(url(kind, "-commit")).status_code == 403
    assert AuditEvent.objects.filter(action="permission.denied", actor=world.users[name]).count()


@pytest.mark.parametrize("kind", list(SPECS))
def test_the_upload_page_links_its_own_template(client_as, kind):
    page = client_as("unit1").get(url(kind)).content.decode()
    assert 'enctype="multipart/form-data"' in page
    assert url(kind, "-template") in page and str(SPECS[kind].title) in page


@pytest.mark.parametrize("kind", list(SPECS))
def test_each_template_is_a_workbook_in_the_format_the_reader_takes(client_as, world, site, kind):
    spec = SPECS[kind]
    response = client_as("unit1").get(url(kind, "-template"))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == [spec.template.sheet_name, "说明"]
    header = [cell.value for cell in workbook.worksheets[0][1]]
    assert header == [column.header for column in spec.columns]
    sheet = validate_upload(SimpleUploadedFile("t.xlsx", response.content), columns=spec.columns)
    assert sheet.rows  # the example rows read back


def test_the_source_template_example_imports_for_a_unit_officer(client_as, world, site):
    response = client_as("unit1").get(url("source", "-template"))
    help_text = {
        c.value
        for line in load_workbook(io.BytesIO(response.content))["说明"].iter_rows()
        for c in line
    }
    assert {"Co-60", "一号源库", "废旧待送贮"} <= help_text
    sheet = validate_upload(
        SimpleUploadedFile("t.xlsx", response.content), columns=SOURCE_IMPORT.columns
    )
    plan = SOURCE_IMPORT.plan(rows=sheet.rows, actor=world.users["unit1"])
    assert plan.errors == [] and plan.counts["create"] == 1


def test_the_device_template_states_its_upsert_key(client_as):
    response = client_as("bureau").get(url("device", "-template"))
    rules = [c.value or "" for c in load_workbook(io.BytesIO(response.content))["说明"]["B"]]
    assert any(
        "持有单位 + 型号 + 出厂编号" in rule and "出厂编号因此必填" in rule for rule in rules
    )


def test_a_template_downloaded_in_english_is_still_chinese(client_as, settings):
    client = client_as("bureau")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get(url("source", "-template"))
    example = load_workbook(io.BytesIO(response.content)).worksheets[0]
    assert example["F2"].value == "贮存"


def test_dry_run_then_confirm_imports_sources(client_as, world, site, media_root):
    client = client_as("unit1")
    content = xlsx_bytes([row(world, n) for n in range(3)], HEADERS)
    response = post_file(client, "source", content)
    assert response.status_code == 200 and "ticket" in response.context
    page = response.content.decode()
    assert "确认导入" in page and row(world, 1)["放射源编码"] in page
    assert not Source.objects.exists()

    result = client.post(
        url("source", "-commit"), {"ticket": response.context["ticket"]}, follow=True
    )

    assert result.redirect_chain[-1][0] == reverse("inventory:source-list")
    assert "新增 3 枚放射源" in result.content.decode()
    assert Source.objects.count() == 3
    assert AuditEvent.objects.filter(action="source.import").count() == 1
    assert not (media_root / "imports").exists() or not list((media_root / "imports").iterdir())


def test_row_errors_are_listed_in_chinese_and_nothing_is_stored(client_as, world, site, media_root):
    rows = [row(world, 1), row(world, 2, 核素="Xx-1")]
    response = post_file(client_as("unit1"), "source", xlsx_bytes(rows, HEADERS))
    page = response.content.decode()
    assert "第 3 行" in page and "核素“Xx-1”不存在" in page and "未导入任何数据" in page
    assert 'name="ticket"' not in page
    assert not Source.objects.exists()


def test_a_ticket_of_one_import_cannot_commit_another(client_as, world, site):
    client = client_as("unit1")
    content = xlsx_bytes([row(world, 1)], HEADERS)
    ticket = post_file(client, "source", content).context["ticket"]
    response = client.post(url("device", "-commit"), {"ticket": ticket})
    assert response.status_code == 400 and "导入凭据无效或已过期" in response.content.decode()
    assert not Source.objects.exists() and not RayDevice.objects.exists()


def test_a_device_file_confirmed_by_the_bureau_lead(client_as, world):
    client = client_as("bureau")
    content = xlsx_bytes([device_file.row(world, n) for n in range(2)], device_file.HEADERS)
    ticket = post_file(client, "device", content).context["ticket"]
    result = client.post(url("device", "-commit"), {"ticket": ticket})
    assert result.status_code == 302 and result["Location"] == reverse("inventory:device-list")
    assert RayDevice.objects.filter(unit=world.unit1).count() == 2


def test_a_file_longer_than_the_import_limit_is_refused_before_any_row_is_checked(
    client_as, world, settings
):
    settings.RADSAFE_IMPORT_MAX_ROWS = 50  # one bound for every import (default 100,000)
    assert SOURCE_IMPORT.row_limit == 50
    rows = [{"放射源编码": f"0118CS{n:05d}4"} for n in range(51)]
    response = post_file(client_as("unit1"), "source", xlsx_bytes(rows, HEADERS))
    assert "数据行过多（上限 50 行），请拆分为多个文件。" in response.content.decode()
    assert "plan" not in response.context


def test_a_movement_file_previews_its_rows_and_commits(client_as, world, site):
    source = source_create(
        actor=None,
        unit=world.unit1,
        code="0123IR000012",
        nuclide="Ir-192",
        activity_bq=3.7e12,
        reference_date=datetime.date(2023, 12, 1),
        site=site,
        arrived_at=datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC),
    )
    rows = [
        movement_file.line(source, "出库", "2024-03-01 08:00"),
        movement_file.line(source, "归还入库", "2024-03-01 17:00"),
    ]
    client = client_as("unit1")
    response = post_file(client, "movement", xlsx_bytes(rows, movement_file.HEADERS))
    page = response.content.decode()
    assert "ticket" in response.context, page[:3000]
    assert "0123IR000012" in page and "归还入库" in page
    result = client.post(url("movement", "-commit"), {"ticket": response.context["ticket"]})
    assert result["Location"] == reverse("inventory:movement-list")
    assert list(Movement.objects.filter(source=source).values_list("kind", flat=True)) == [
        "return",
        "check_out",
        "arrival",
    ]
