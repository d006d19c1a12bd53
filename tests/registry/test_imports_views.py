"""The import pages: template download, dry run, confirmation with a ticket, and who may use
them."""

import io

import pytest
from django.core import signing
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from radsafe.core.models import AuditEvent
from radsafe.registry.imports import plan_import, validate_upload
from radsafe.registry.imports.specs import TICKET_SALT
from radsafe.registry.models import Unit
from tests.factories import LicenceFactory

from .test_imports_units import HEADERS, row, upload, xlsx_bytes

pytestmark = pytest.mark.django_db

IMPORT_URL = reverse("registry:unit-import")
TEMPLATE_URL = reverse("registry:unit-import-template")
COMMIT_URL = reverse("registry:unit-import-commit")


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def stored_files(media_root) -> list:
    folder = media_root / "imports"
    return sorted(folder.iterdir()) if folder.exists() else []


def post_file(client, content: bytes, name: str = "units.xlsx"):
    return client.post(IMPORT_URL, {"file": upload(content, name)})


def dry_run(client, rows):
    response = post_file(client, xlsx_bytes(rows))
    assert response.status_code == 200
    assert "ticket" in response.context, response.content.decode()[:2000]
    return response


# --- who may use the pages ----------------------------------------------------------------------


@pytest.mark.parametrize("name", ["unit1", "sysadmin", "city", "auditor"])
@pytest.mark.parametrize(
    ("method", "url"), [("get", IMPORT_URL), ("get", TEMPLATE_URL), ("post", COMMIT_URL)]
)
def test_roles_without_the_import_capability_get_403(client_as, name, method, url):
    response = getattr(client_as(name), method)(url)
    assert response.status_code == 403


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get(IMPORT_URL)
    assert response.status_code == 302 and reverse("login") in response["Location"]


@pytest.mark.parametrize("name", ["bureau", "inspector1"])
def test_bureau_staff_see_the_upload_form(client_as, name):
    response = client_as(name).get(IMPORT_URL)
    assert response.status_code == 200
    page = response.content.decode()
    assert 'enctype="multipart/form-data"' in page and TEMPLATE_URL in page


def test_the_upload_still_requires_a_csrf_token(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.users["bureau"])
    response = client.post(IMPORT_URL, {"file": upload(xlsx_bytes([row(1)]))})
    assert response.status_code == 403


# --- template -----------------------------------------------------------------------------------


def test_the_template_is_a_valid_workbook_whose_example_row_imports(client_as, world):
    response = client_as("inspector1").get(TEMPLATE_URL)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in response["Content-Disposition"]
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["单位及许可证", "说明"]
    header = [cell.value for cell in workbook["单位及许可证"][1]]
    assert header == HEADERS
    help_text = {cell.value for line in workbook["说明"].iter_rows() for cell in line}
    assert {"核医学", "工业测量/料位计", "长期停产", "一中队"} <= help_text
    assert "二中队" not in help_text  # only the squads the inspector may import into
    sheet = validate_upload(upload(response.content, "template.xlsx"))
    plan = plan_import(rows=sheet.rows, actor=world.users["inspector1"])
    assert plan.errors == [] and plan.counts["create"] == 1


# --- dry run ------------------------------------------------------------------------------------


def test_the_dry_run_lists_row_errors_in_chinese_and_stores_nothing(client_as, media_root):
    client = client_as("bureau")
    units_before = Unit.objects.count()
    response = post_file(client, xlsx_bytes([row(1), row(2, 有效期至="2020-01-01")]))
    page = response.content.decode()
    assert response.status_code == 200
    assert "第 3 行" in page and "有效期至必须晚于发证日期" in page
    assert "未导入任何数据" in page and 'name="ticket"' not in page
    assert stored_files(media_root) == []
    assert Unit.objects.count() == units_before


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"just text", "units.xlsx", "文件不是有效的 xlsx 格式"),
        (b"a,b\n1,2\n", "units.csv", "文件不是有效的 xlsx 格式"),
        (b"", "units.xlsx", "文件为空"),
        (xlsx_bytes([]), "units.xlsx", "没有数据行"),
    ],
)
def test_a_bad_file_is_shown_its_error_and_nothing_changes(
    client_as, media_root, content, name, message
):
    client = client_as("bureau")
    units_before, events_before = Unit.objects.count(), AuditEvent.objects.count()
    response = post_file(client, content, name)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert stored_files(media_root) == []
    assert (Unit.objects.count(), AuditEvent.objects.count()) == (units_before, events_before)


def test_an_oversized_upload_is_cut_off_and_refused(client_as, settings, media_root):
    settings.RADSAFE_IMPORT_MAX_BYTES = 4096
    big = xlsx_bytes([row(n) for n in range(60)])
    assert len(big) > 4096
    response = post_file(client_as("bureau"), big)
    assert "文件过大（上限 4 KB）" in response.content.decode()
    assert "file" not in response.wsgi_request.FILES  # cut off while parsing, never kept whole
    assert stored_files(media_root) == []


# --- commit -------------------------------------------------------------------------------------


def test_preview_then_confirm_imports_and_removes_the_stored_file(client_as, media_root):
    client = client_as("bureau")
    response = dry_run(client, [row(1), row(2)])
    assert response.context["plan"].counts == {"create": 2, "update": 0, "unchanged": 0}
    assert "确认导入" in response.content.decode()
    assert len(stored_files(media_root)) == 1

    result = client.post(COMMIT_URL, {"ticket": response.context["ticket"]}, follow=True)

    assert result.redirect_chain[-1][0] == reverse("registry:unit-list")
    assert "新增 2 个单位" in result.content.decode()
    assert Unit.objects.filter(name__in=["导入测试单位1", "导入测试单位2"]).count() == 2
    assert AuditEvent.objects.filter(action="unit.import").count() == 1
    assert stored_files(media_root) == []
    replay = client.post(COMMIT_URL, {"ticket": response.context["ticket"]})
    assert "已失效" in replay.content.decode()
    assert AuditEvent.objects.filter(action="unit.import").count() == 1


def test_a_ticket_of_another_user_is_refused(client_as, world, media_root):
    ticket = dry_run(client_as("bureau"), [row(1)]).context["ticket"]
    other = client_as("inspector1")
    response = other.post(COMMIT_URL, {"ticket": ticket})
    assert response.status_code == 403
    assert not Unit.objects.filter(name="导入测试单位1").exists()
    assert AuditEvent.objects.filter(action="permission.denied", actor=world.users["inspector1"])
    assert len(stored_files(media_root)) == 1  # still the owner's to confirm


def test_a_forged_ticket_is_refused(client_as):
    forged = signing.dumps({"user": 1, "path": "imports/x.xlsx"}, salt="another-salt")
    response = client_as("bureau").post(COMMIT_URL, {"ticket": forged})
    assert response.status_code == 400
    assert "导入凭据无效或已过期" in response.content.decode()


def test_a_stored_file_changed_after_the_preview_is_refused(client_as, media_root):
    client = client_as("bureau")
    ticket = dry_run(client, [row(1)]).context["ticket"]
    stored = stored_files(media_root)[0]
    stored.write_bytes(xlsx_bytes([row(1), row(2)]))
    response = client.post(COMMIT_URL, {"ticket": ticket})
    assert "文件与预览时不一致" in response.content.decode()
    assert not Unit.objects.filter(name="导入测试单位1").exists()
    assert signing.loads(ticket, salt=TICKET_SALT)["path"].startswith("imports/")


def test_a_row_that_became_invalid_before_the_commit_rolls_back_every_row(
    client_as, world, media_root
):
    client = client_as("bureau")
    rows = [row(n) for n in range(10)]
    ticket = dry_run(client, rows).context["ticket"]
    LicenceFactory(unit=world.unit2, number=rows[7]["许可证编号"])  # someone else, meanwhile
    units_before = Unit.objects.count()

    response = client.post(COMMIT_URL, {"ticket": ticket})

    page = response.content.decode()
    assert "第 9 行" in page and "该许可证编号已登记在其他单位名下" in page
    assert Unit.objects.count() == units_before
    assert not AuditEvent.objects.filter(action="unit.import").exists()
    assert stored_files(media_root) == []
