"""The register's pages: forms that call the services, lists scoped per role, the red banner."""

import datetime
import io

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone

from radsafe.core.models import AuditEvent
from radsafe.inventory.choices import IncidentStatus, MovementKind
from radsafe.inventory.models import Incident, Movement, OffsiteUse, PhysicalCount, Transfer
from radsafe.inventory.services.register import movements as register
from tests.factories import LicenceFactory, StorageSiteFactory
from tests.personnel.factories import make_qualified_worker

from .test_register_services import ago, held_source

pytestmark = pytest.mark.django_db


def local(moment: datetime.datetime) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def errors(response) -> str:
    form = response.context["form"]
    return " ".join(str(e) for field in form.errors.values() for e in field)


def test_a_unit_officer_checks_a_source_out_and_returns_it(world, client_as):
    source = held_source(world.unit1)
    client = client_as("unit1")
    url = reverse("inventory:source-checkout", args=[source.pk])
    worker = make_qualified_worker(world.unit1)
    page = client.get(url)
    assert page.status_code == 200 and 'id="checkout-form"' in page.content.decode()
    page = page.content.decode()
    assert f'<option value="{worker.pk}">刘晓燕</option>' in page  # the unit's workers on duty
    data = {"occurred_at": local(ago(hours=2)), "worker": worker.pk, "purpose": "探伤"}
    response = client.post(url, data)
    assert response.status_code == 302
    assert response["Location"] == reverse("inventory:source-detail", args=[source.pk])
    source.refresh_from_db()
    assert source.is_checked_out
    again = client.post(url, data)
    assert again.status_code == 200
    assert "该放射源已出库，尚未归还" in again.content.decode()
    assert Movement.objects.filter(kind=MovementKind.CHECK_OUT).count() == 1

    back = client.post(
        reverse("inventory:source-return", args=[source.pk]),
        {"occurred_at": local(ago(hours=1)), "person": "刘晓燕"},
    )
    assert back.status_code == 302
    source.refresh_from_db()
    assert not source.is_checked_out


def test_a_return_without_check_out_shows_the_error_on_the_form(world, client_as):
    source = held_source(world.unit1)
    response = client_as("bureau").post(
        reverse("inventory:source-return", args=[source.pk]),
        {"occurred_at": local(ago(hours=1)), "person": "张卫东"},
    )
    assert response.status_code == 200
    assert "该放射源没有未归还的出库记录" in errors(response)
    assert not Movement.objects.filter(kind=MovementKind.RETURN).exists()


def test_an_unfiled_offsite_check_out_is_saved_with_a_warning(world, client_as):
    source = held_source(world.unit1)
    client = client_as("unit1")
    response = client.post(
        reverse("inventory:source-checkout", args=[source.pk]),
        {
            "occurred_at": local(ago(hours=2)),
            "worker": make_qualified_worker(world.unit1).pk,
            "destination": "临汾市工地",
            "offsite": "on",
        },
    )
    assert response.status_code == 302
    movement = Movement.objects.get(kind=MovementKind.CHECK_OUT)
    assert movement.offsite and movement.offsite_use_id is None
    listing = client.get(reverse("inventory:movement-list"), {"unfiled": "true"})
    assert "没有覆盖该地点和日期的异地使用备案" in listing.content.decode()  # the message
    assert [row.record.pk for row in listing.context["table"].paginated_rows] == [movement.pk]


def test_marking_lost_opens_an_incident_and_the_banner_until_closed(world, client_as):
    source = held_source(world.unit1)
    home = reverse("home")
    assert 'id="incident-banner"' not in client_as("bureau").get(home).content.decode()
    response = client_as("unit1").post(
        reverse("inventory:source-status", args=[source.pk]),
        {
            "to_status": "lost",
            "occurred_at": local(ago(hours=1)),
            "person": "刘晓燕",
            "place": "永济市城西仓库",
        },
    )
    incident = Incident.objects.get()
    assert response["Location"] == reverse("inventory:incident-detail", args=[incident.pk])
    bureau = client_as("bureau")
    for url in (home, reverse("registry:unit-list"), reverse("inventory:movement-list")):
        html = bureau.get(url).content.decode()
        assert 'id="incident-banner"' in html and "有 1 起辐射事故尚未结案" in html
    # Only in scope: inspector2's squad has no open incident.
    assert 'id="incident-banner"' not in client_as("inspector2").get(home).content.decode()
    refused = client_as("bureau").post(
        reverse("inventory:incident-close", args=[incident.pk]), {"closing_note": ""}
    )
    assert refused.status_code == 200
    closed = client_as("bureau").post(
        reverse("inventory:incident-close", args=[incident.pk]), {"closing_note": "已找回"}
    )
    assert closed.status_code == 302
    incident.refresh_from_db()
    assert incident.status == IncidentStatus.CLOSED
    again = client_as("bureau").get(reverse("inventory:incident-close", args=[incident.pk]))
    assert again["Location"] == reverse("inventory:incident-detail", args=[incident.pk])
    assert 'id="incident-banner"' not in client_as("bureau").get(home).content.decode()


def test_the_status_form_offers_only_allowed_changes(world, client_as):
    source = held_source(world.unit1, status="stored")
    response = client_as("unit1").get(reverse("inventory:source-status", args=[source.pk]))
    offered = {value for value, _label in response.context["form"].fields["to_status"].choices}
    assert "stored" not in offered and "transferred" not in offered
    assert {"lost", "in_use", "sent_for_storage"} <= offered


@pytest.mark.parametrize(
    ("role", "visible"),
    [
        ("bureau", {"unit1", "unit2"}),
        ("inspector1", {"unit1"}),
        ("inspector2", {"unit2"}),
        ("unit1", {"unit1"}),
        ("unit2", {"unit2"}),
        ("city", {"unit1", "unit2"}),
    ],
)
def test_movement_list_shows_each_role_its_scope(world, client_as, role, visible):
    sources = {"unit1": held_source(world.unit1), "unit2": held_source(world.unit2)}
    response = client_as(role).get(reverse("inventory:movement-list"))
    shown = {row.record.source_id for row in response.context["table"].paginated_rows}
    assert shown == {sources[name].pk for name in visible}


def test_movement_list_filters_by_source_and_kind(world, client_as):
    first, second = held_source(world.unit1), held_source(world.unit1)
    register.source_check_out(
        actor=None, source=first, occurred_at=ago(hours=1), person="李四", destination="工地"
    )
    client = client_as("unit1")
    response = client.get(reverse("inventory:movement-list"), {"source": first.pk})
    rows = [row.record for row in response.context["table"].paginated_rows]
    assert {r.source_id for r in rows} == {first.pk} and len(rows) == 2
    assert 'id="filtered-source"' in response.content.decode()
    response = client.get(reverse("inventory:movement-list"), {"kind": "check_out"})
    rows = [row.record for row in response.context["table"].paginated_rows]
    assert [r.source_id for r in rows] == [first.pk]
    assert second.code not in response.content.decode()


def test_transfer_page_names_the_source_by_code_and_the_recipient_by_credit_code(world, client_as):
    LicenceFactory(
        unit=world.unit2,
        source_categories="45",
        issued_on=datetime.date(2020, 1, 1),
        expires_on=datetime.date(2099, 1, 1),
    )
    strong = held_source(world.unit1, activity_bq=3.7e11)  # category Ⅲ
    weak = held_source(world.unit1)  # category Ⅳ
    client = client_as("unit1")
    url = reverse("inventory:transfer-create")
    page = client.get(url, {"source": weak.pk})
    assert page.context["form"].initial["source"] == weak.code
    data = {
        "to_unit": world.unit2.credit_code,
        "approval_number": "晋环转[2025]9号",
        "transferred_on": timezone.localdate().isoformat(),
    }
    refused = client.post(url, {**data, "source": strong.code})
    assert "转入单位的许可证不包括Ⅲ类放射源" in errors(refused)
    unknown = client.post(url, {**data, "source": "0118CS99999N"})
    assert "不存在或不在您的数据范围内" in errors(unknown)
    assert not Transfer.objects.exists()
    done = client.post(url, {**data, "source": weak.code.lower()})
    assert done.status_code == 302
    weak.refresh_from_db()
    assert weak.unit_id == world.unit2.pk
    # unit2 now sees the source's arrival in its register; unit1 keeps its transfer-out.
    listing = client_as("unit2").get(reverse("inventory:movement-list"))
    kinds = {row.record.kind for row in listing.context["table"].paginated_rows}
    assert MovementKind.TRANSFER_IN in kinds and MovementKind.TRANSFER_OUT not in kinds


def test_an_inspector_records_a_count(world, client_as):
    site = StorageSiteFactory(unit=world.unit1)
    source = held_source(world.unit1, site=site)
    url = reverse("inventory:count-create", args=[site.pk])
    response = client_as("inspector1").post(
        url,
        {
            "counted_at": local(ago(minutes=10)),
            "counted_by": "李海波",
            "sources_found": [source.pk],
        },
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("inventory:site-reconciliation", args=[site.pk])
    assert list(PhysicalCount.objects.get().sources_found.all()) == [source]
    assert client_as("inspector2").get(url).status_code == 404


def test_offsite_filing_create_and_edit(world, client_as):
    source = held_source(world.unit1)
    client = client_as("unit1")
    today = timezone.localdate()
    data = {
        "source": source.code,
        "place": "运城市盐湖区工地",
        "starts_on": today.isoformat(),
        "ends_on": (today - datetime.timedelta(days=1)).isoformat(),
        "authority": "山西省生态环境厅",
        "filing_number": "晋环异备[2025]5号",
    }
    bad = client.post(reverse("inventory:offsite-create"), data)
    assert "结束日期不能早于开始日期" in errors(bad)
    data["ends_on"] = (today + datetime.timedelta(days=30)).isoformat()
    assert client.post(reverse("inventory:offsite-create"), data).status_code == 302
    filing = OffsiteUse.objects.get()
    edit = reverse("inventory:offsite-edit", args=[filing.pk])
    page = client.get(edit)
    assert page.context["form"].initial["source"] == source.code
    response = client.post(edit, {**data, "filing_number": "晋环异备[2025]6号", "version": 1})
    assert response.status_code == 302
    stale = client.post(edit, {**data, "filing_number": "晋环异备[2025]7号", "version": 1})
    assert "已被他人修改" in stale.content.decode()
    filing.refresh_from_db()
    assert filing.filing_number == "晋环异备[2025]6号"


def test_pages_fit_a_phone_and_speak_chinese(world, client_as):
    held_source(world.unit1)
    for name in ("movement-list", "offsite-list", "transfer-list", "incident-list"):
        html = client_as("bureau").get(reverse(f"inventory:{name}")).content.decode()
        assert '<html lang="zh-hans">' in html
        assert "table-responsive" in html


def test_movement_export_writes_the_filtered_rows_and_is_audited(world, client_as):
    first, _second = held_source(world.unit1), held_source(world.unit2)
    register.source_check_out(
        actor=None, source=first, occurred_at=ago(hours=1), person="李四", destination="工地"
    )
    response = client_as("bureau").get(reverse("inventory:movement-export"), {"kind": "check_out"})
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:4] == ("时间", "放射源", "单位", "类型")
    assert [row[1:4] for row in rows[1:]] == [(first.code, world.unit1.name, "出库")]
    event = AuditEvent.objects.get(action="movement.export")
    assert event.after == {"filters": {"kind": "check_out"}, "rows": 1}
    # A unit officer's export holds only his unit's register.
    response = client_as("unit2").get(reverse("inventory:movement-export"))
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    assert {row[2] for row in list(sheet.iter_rows(values_only=True))[1:]} == {world.unit2.name}
