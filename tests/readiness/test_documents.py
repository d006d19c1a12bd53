"""Emergency-plan documents and drill evidence files: uploaded through the forms, checked before
anything is written, stored under a generated name with their SHA-256 in the audit log, served
only to those whose scope holds the row, every download audited; a failed write leaves no file."""

import hashlib
import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from radsafe.core import writes
from radsafe.core.models import AuditEvent
from radsafe.core.versioning import StaleEditError
from radsafe.readiness import services
from radsafe.readiness.models import Drill, EmergencyPlan
from tests.core.samples import DOCX, JPEG, PDF, PNG, stored_files, upload

from .factories import DrillFactory, PlanFactory

pytestmark = pytest.mark.django_db
PDF_SHA = hashlib.sha256(PDF).hexdigest()
PLAN_FIELDS = {"title": "辐射事故应急预案", "edition": "2025 版"}


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def plan_data(world, **extra):
    return {
        "unit": world.unit1.pk,
        **PLAN_FIELDS,
        "issued_on": timezone.localdate().isoformat(),
        **extra,
    }


def plan_with(world, content=PDF, name="应急预案.pdf", unit=None):
    return services.plan_create(
        actor=None,
        unit=unit or world.unit1,
        document=upload(name, content),
        issued_on=timezone.localdate(),
        **PLAN_FIELDS,
    )


def drill_with(world, unit=None):
    return services.drill_create(
        actor=None,
        unit=unit or world.unit1,
        document=upload("签到表.jpg", JPEG),
        held_on=timezone.localdate(),
        kind="drill",
        scenario="放射源丢失应急演练",
        participant_count=8,
        evidence="签到表与现场照片",
    )


# --- upload --------------------------------------------------------------------------------------
def test_the_plan_form_stores_the_file_and_audits_its_hash(client_as, world, media_root):
    response = client_as("unit1").post(
        reverse("readiness:plan-create"),
        plan_data(world, document=upload("永济医院应急预案.pdf", PDF)),
    )
    assert response.status_code == 302
    plan = EmergencyPlan.objects.get()
    assert re.fullmatch(r"readiness/plans/[0-9a-f]{32}\.pdf", plan.document_path)
    assert (plan.document_name, plan.document_sha256, plan.document_size) == (
        "永济医院应急预案.pdf",
        PDF_SHA,
        len(PDF),
    )
    assert stored_files(media_root) == [plan.document_path]
    assert (media_root / plan.document_path).read_bytes() == PDF
    event = AuditEvent.objects.get(action="plan.create")
    assert event.after["document_sha256"] == PDF_SHA
    assert event.after["document_name"] == "永济医院应急预案.pdf"


def test_the_form_is_multipart_and_offers_only_the_document_types(client_as, world):
    page = client_as("unit1").get(reverse("readiness:plan-create")).content.decode()
    assert 'enctype="multipart/form-data"' in page
    assert 'accept=".pdf,.docx,.doc,.xlsx,.xls,.jpg,.jpeg,.png"' in page
    assert "不超过 20 MB" in page


def test_a_plan_needs_no_document(client_as, world, media_root):
    response = client_as("unit1").post(reverse("readiness:plan-create"), plan_data(world))
    assert response.status_code == 302
    plan = EmergencyPlan.objects.get()
    assert (plan.document, plan.document_path, stored_files(media_root)) == (None, "", [])


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("预案.pdf", PNG, "扩展名与文件内容不符（扩展名为 .pdf，但内容不是 PDF 文件）"),
        ("预案.docx", PDF, "扩展名与文件内容不符（扩展名为 .docx，但内容不是 Word 文件）"),
        ("预案.exe", b"MZ\x90\x00", "不支持的文件类型“.exe”"),
        ("预案.pdf", b"", "文件为空"),
        ("预案.pdf", PDF + b" " * 2048, "文件过大（上限 1 KB）"),
    ],
    ids=["mismatch", "pdf-as-docx", "unsupported", "empty", "too-large"],
)
def test_a_bad_file_is_shown_its_chinese_error_and_nothing_is_written(
    client_as, world, media_root, settings, name, content, message
):
    settings.RADSAFE_DOCUMENT_MAX_BYTES = 1024
    client = client_as("unit1")
    events = AuditEvent.objects.count()
    response = client.post(
        reverse("readiness:plan-create"), plan_data(world, document=upload(name, content))
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not EmergencyPlan.objects.exists()
    assert stored_files(media_root) == []
    assert AuditEvent.objects.count() == events


def test_the_service_refuses_a_bad_file_on_its_field_before_writing(world, media_root):
    with pytest.raises(ValidationError) as refused:
        plan_with(world, content=PNG)
    assert refused.value.message_dict["document"] == [
        "扩展名与文件内容不符（扩展名为 .pdf，但内容不是 PDF 文件）"
    ]
    assert not EmergencyPlan.objects.exists()
    assert stored_files(media_root) == []


def test_a_rolled_back_create_leaves_no_file_behind(world, media_root, monkeypatch):
    def fail(**kwargs):
        raise RuntimeError("the audit log is unavailable")

    monkeypatch.setattr(writes, "audit_record", fail)  # the write's last step fails
    with pytest.raises(RuntimeError):
        plan_with(world)
    with pytest.raises(RuntimeError):
        drill_with(world)
    assert not EmergencyPlan.objects.exists() and not Drill.objects.exists()
    assert stored_files(media_root) == []


def test_a_refused_field_leaves_no_file_behind(world, media_root):
    with pytest.raises(ValidationError):
        services.plan_create(
            actor=world.users["unit2"],  # not unit1's officer
            unit=world.unit1,
            document=upload("预案.pdf", PDF),
            issued_on=timezone.localdate(),
            **PLAN_FIELDS,
        )
    assert stored_files(media_root) == []


def test_replacing_the_document_keeps_the_old_file_and_audits_both_hashes(
    client_as, world, media_root
):
    plan = plan_with(world)
    old_path = plan.document_path
    response = client_as("unit1").post(
        reverse("readiness:plan-edit", args=[plan.pk]),
        {**plan_data(world), "version": plan.version, "document": upload("修订版.docx", DOCX)},
    )
    assert response.status_code == 302
    plan.refresh_from_db()
    assert (plan.document_name, plan.document_sha256) == (
        "修订版.docx",
        hashlib.sha256(DOCX).hexdigest(),
    )
    assert plan.document_path.endswith(".docx") and plan.version == 2
    assert sorted(stored_files(media_root)) == sorted([old_path, plan.document_path])
    event = AuditEvent.objects.get(action="plan.update")
    assert event.before["document_sha256"] == PDF_SHA
    assert event.after["document_sha256"] == hashlib.sha256(DOCX).hexdigest()
    assert event.before["document_path"] == old_path


def test_an_edit_without_a_file_keeps_the_document(client_as, world, media_root):
    plan = plan_with(world)
    page = client_as("unit1").get(reverse("readiness:plan-edit", args=[plan.pk]))
    assert "当前文件：" in page.content.decode() and "应急预案.pdf" in page.content.decode()
    response = client_as("unit1").post(
        reverse("readiness:plan-edit", args=[plan.pk]),
        {**plan_data(world), "title": "新名称", "version": plan.version},
    )
    assert response.status_code == 302
    plan.refresh_from_db()
    assert (plan.title, plan.document_sha256) == ("新名称", PDF_SHA)
    assert "document_sha256" not in AuditEvent.objects.get(action="plan.update").after


def test_a_stale_edit_with_a_file_stores_nothing(world, media_root):
    plan = plan_with(world)
    with pytest.raises(StaleEditError):
        services.plan_update(
            plan=plan, actor=None, expected_version=0, document=upload("新.pdf", PDF)
        )
    assert stored_files(media_root) == [EmergencyPlan.objects.get().document_path]


def test_the_drill_form_takes_an_evidence_file(client_as, world, media_root):
    response = client_as("unit1").post(
        reverse("readiness:drill-create"),
        {
            "unit": world.unit1.pk,
            "held_on": timezone.localdate().isoformat(),
            "kind": "drill",
            "scenario": "放射源丢失应急演练",
            "participant_count": 12,
            "evidence": "现场照片",
            "document": upload("现场照片.png", PNG),
        },
    )
    assert response.status_code == 302
    drill = Drill.objects.get()
    assert drill.evidence == "现场照片"  # the description stays text
    assert re.fullmatch(r"readiness/drills/[0-9a-f]{32}\.png", drill.document_path)
    assert drill.document_sha256 == hashlib.sha256(PNG).hexdigest()


# --- download ------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("role", "status"),
    [("unit1", 200), ("inspector1", 200), ("bureau", 200), ("unit2", 404), ("inspector2", 404)],
)
def test_the_plan_document_is_served_only_within_scope(client_as, world, media_root, role, status):
    plan = plan_with(world)
    response = client_as(role).get(reverse("readiness:plan-document", args=[plan.pk]))
    assert response.status_code == status
    downloads = AuditEvent.objects.filter(action="document.download")
    if status == 200:
        assert b"".join(response.streaming_content) == PDF
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"].startswith("attachment;")
        assert response["X-Content-Type-Options"] == "nosniff"
        event = downloads.get()
        assert (event.actor, event.object_type, event.object_id) == (
            world.users[role],
            "readiness.emergencyplan",
            str(plan.pk),
        )
        assert event.after == {"name": "应急预案.pdf", "sha256": PDF_SHA}
    else:
        assert not downloads.exists()


@pytest.mark.parametrize(
    ("role", "status"), [("unit1", 200), ("inspector1", 200), ("unit2", 404), ("inspector2", 404)]
)
def test_the_drill_evidence_is_served_only_within_scope(client_as, world, media_root, role, status):
    drill = drill_with(world)
    response = client_as(role).get(reverse("readiness:drill-evidence", args=[drill.pk]))
    assert response.status_code == status
    if status == 200:
        assert b"".join(response.streaming_content) == JPEG
        assert response["Content-Type"] == "image/jpeg"
        assert AuditEvent.objects.get(action="document.download").object_id == str(drill.pk)


def test_a_row_without_a_file_or_with_its_file_gone_is_404(client_as, world, media_root):
    client = client_as("unit1")
    bare = PlanFactory(unit=world.unit1)
    assert client.get(reverse("readiness:plan-document", args=[bare.pk])).status_code == 404
    evidence = reverse("readiness:drill-evidence", args=[DrillFactory(unit=world.unit1).pk])
    assert client.get(evidence).status_code == 404
    plan = plan_with(world)
    (media_root / plan.document_path).unlink()
    assert client.get(reverse("readiness:plan-document", args=[plan.pk])).status_code == 404
    assert not AuditEvent.objects.filter(action="document.download").exists()


def test_a_viewer_without_the_capability_is_refused(client_as, world, media_root):
    plan = plan_with(world)
    response = client_as("sysadmin").get(reverse("readiness:plan-document", args=[plan.pk]))
    assert response.status_code == 403
    assert not AuditEvent.objects.filter(action="document.download").exists()


# --- where the links are -------------------------------------------------------------------------
def test_the_unit_page_and_the_drill_list_link_the_files(client_as, world, media_root):
    plan, drill = plan_with(world), drill_with(world)
    DrillFactory(unit=world.unit1, scenario="没有文件的演练")
    client = client_as("inspector1")
    unit_page = client.get(reverse("readiness:unit", args=[world.unit1.pk])).content.decode()
    assert reverse("readiness:plan-document", args=[plan.pk]) in unit_page
    assert reverse("readiness:drill-evidence", args=[drill.pk]) in unit_page
    assert "签到表.jpg" in unit_page
    listing = client.get(reverse("readiness:drill-list")).content.decode()
    assert reverse("readiness:drill-evidence", args=[drill.pk]) in listing
    assert listing.count("/evidence/") == 1  # the drill without a file has no link


def test_the_drill_list_costs_the_same_queries_with_files(
    client_as, world, media_root, django_assert_max_num_queries
):
    client = client_as("bureau")
    for _ in range(3):
        drill_with(world)
    with django_assert_max_num_queries(15) as few:
        client.get(reverse("readiness:drill-list"))
    for _ in range(12):
        drill_with(world, unit=world.unit2)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("readiness:drill-list"))


# --- API -----------------------------------------------------------------------------------------
def test_the_api_shows_the_document_read_only(client_as, world, media_root):
    plan = plan_with(world)
    bare = PlanFactory(unit=world.unit1)
    client = client_as("unit1")
    body = client.get(f"/api/emergency-plans/{plan.pk}/").json()
    assert body["document_name"] == "应急预案.pdf"
    assert body["document_sha256"] == PDF_SHA
    assert body["document_url"] == (
        "http://testserver" + reverse("readiness:plan-document", args=[plan.pk])
    )
    empty = client.get(f"/api/emergency-plans/{bare.pk}/").json()
    assert (empty["document_name"], empty["document_sha256"], empty["document_url"]) == (
        "",
        "",
        None,
    )
    drill = client.get(f"/api/drills/{drill_with(world).pk}/").json()
    assert drill["document_url"].endswith("/evidence/")
    changed = client.patch(
        f"/api/emergency-plans/{plan.pk}/",
        {"version": plan.version, "document_sha256": "0" * 64, "document_name": "假.pdf"},
        content_type="application/json",
    )
    assert changed.status_code == 200
    plan.refresh_from_db()
    assert (plan.document_sha256, plan.document_name) == (PDF_SHA, "应急预案.pdf")
