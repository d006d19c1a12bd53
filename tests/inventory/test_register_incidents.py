"""Status changes through the register, and the incidents that marking a source lost, stolen or
out of control opens and the bureau closes."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from radsafe.core.models import AuditEvent
from radsafe.inventory.choices import IncidentGrade, IncidentStatus, MovementKind
from radsafe.inventory.services.register import incidents
from radsafe.inventory.services.register import movements as register
from tests.factories import LicenceFactory

from .test_register_services import ago, check_out, held_source, refused, snapshot

pytestmark = pytest.mark.django_db


def test_marking_a_source_lost_opens_an_incident_with_the_first_report(world):
    LicenceFactory(
        unit=world.unit1,
        number="晋环辐证[00777]",
        issued_on=datetime.date(2020, 1, 1),
        expires_on=datetime.date(2099, 1, 1),
    )
    # Cs-137, 3.7e11 Bq in 2018: A/D ≈ 3 → category Ⅲ → 较大.
    source = held_source(world.unit1, activity_bq=3.7e11, model="LG-3", serial_number="S-9")
    actor = world.users["unit1"]
    when = ago(hours=1)
    result = register.source_change_status(
        actor=actor,
        source=source,
        to_status="lost",
        occurred_at=when,
        person="李四",
        place="永济市城西仓库",
        description="盘点时发现缺失",
    )
    source.refresh_from_db()
    assert source.status == "lost"
    assert result.movement.kind == MovementKind.STATUS_CHANGE
    incident = result.incident
    assert incident.status == IncidentStatus.OPEN
    assert incident.grade == IncidentGrade.LARGER
    assert incident.kind == "lost"
    assert incident.licence_number == "晋环辐证[00777]"
    assert incident.nuclide == "Cs-137"
    assert incident.source_code == source.code
    assert incident.device_model == "LG-3" and incident.device_serial == "S-9"
    assert incident.activity_date == timezone.localtime(when).date()  # Beijing's day
    assert 2.5e11 < incident.activity_bq < 3.7e11
    assert incident.reported_by == actor
    assert AuditEvent.objects.filter(action="incident.open", object_id=str(incident.pk)).exists()


def test_a_lost_source_without_a_place_is_refused(world):
    source = held_source(world.unit1)
    before = snapshot(source)
    error = refused(
        register.source_change_status,
        actor=None,
        source=source,
        to_status="stolen",
        occurred_at=ago(hours=1),
        person="李四",
    )
    assert "请填写事故地点" in error.message_dict["place"][0]
    assert snapshot(source) == before


@pytest.mark.parametrize(
    ("start", "to_status", "message"),
    [
        ("stored", "stored", "新状态与当前状态相同"),
        ("stored", "transferred", "转让请通过"),
        ("lost", "stolen", "不能从“丢失”变更为“被盗”"),
        ("sent_for_storage", "in_use", "不能从“已送贮”变更为“在用”"),
    ],
)
def test_status_changes_follow_the_table(world, start, to_status, message):
    source = held_source(world.unit1)
    if start != "stored":
        register.source_change_status(
            actor=None, source=source, to_status=start, occurred_at=ago(days=1),
            person="张三", place="库房",
        )  # fmt: skip
    before = snapshot(source)
    error = refused(
        register.source_change_status,
        actor=None,
        source=source,
        to_status=to_status,
        occurred_at=ago(hours=1),
        person="李四",
        place="库房",
    )
    assert message in error.message_dict["to_status"][0]
    assert snapshot(source) == before


def test_sent_for_storage_is_its_own_kind_and_empties_the_site(world):
    source = held_source(world.unit1)
    result = register.source_change_status(
        actor=None, source=source, to_status="sent_for_storage", occurred_at=ago(hours=1),
        person="张三",
    )  # fmt: skip
    source.refresh_from_db()
    assert result.movement.kind == MovementKind.SENT_FOR_STORAGE
    assert result.incident is None
    assert source.status == "sent_for_storage" and source.site_id is None


def test_a_checked_out_source_must_return_before_other_status_changes(world):
    source = held_source(world.unit1)
    check_out(source)
    error = refused(
        register.source_change_status,
        actor=None,
        source=source,
        to_status="idle",
        occurred_at=ago(hours=1),
        person="张三",
    )
    assert "请先归还入库" in error.message_dict["to_status"][0]


def test_incident_close_needs_the_bureau_and_a_note(world):
    source = held_source(world.unit1)
    incident = register.source_change_status(
        actor=None, source=source, to_status="lost", occurred_at=ago(hours=1), person="张三",
        place="库房",
    ).incident  # fmt: skip
    with pytest.raises(PermissionDenied):
        incidents.incident_close(actor=world.users["unit1"], incident=incident, closing_note="x")
    error = refused(
        incidents.incident_close, actor=world.users["bureau"], incident=incident, closing_note=" "
    )
    assert "请填写结案说明" in error.message_dict["closing_note"][0]
    incidents.incident_close(actor=world.users["bureau"], incident=incident, closing_note="已找回")
    incident.refresh_from_db()
    assert incident.status == IncidentStatus.CLOSED and incident.closed_by == world.users["bureau"]
    error = refused(
        incidents.incident_close, actor=world.users["bureau"], incident=incident, closing_note="y"
    )
    assert "该事故已结案" in " ".join(error.messages)


def test_a_found_source_comes_back_into_service(world):
    source = held_source(world.unit1)
    register.source_change_status(
        actor=None, source=source, to_status="lost", occurred_at=ago(hours=3), person="张三",
        place="库房",
    )  # fmt: skip
    register.source_change_status(
        actor=None, source=source, to_status="stored", occurred_at=ago(hours=1), person="张三"
    )
    source.refresh_from_db()
    assert source.status == "stored"
