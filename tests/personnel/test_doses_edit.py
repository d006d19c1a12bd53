"""Correcting a dose record (issue 4 point 6): the service's rules (the overlap check leaves the
record itself out), the optimistic lock on the page and in the API, the audit of the changed
fields, and an investigation note that stays with its record's flag."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from radsafe.core.models import AuditEvent
from radsafe.core.versioning import STALE_MESSAGE, StaleEditError
from radsafe.personnel.models import DoseRecord
from radsafe.personnel.selectors.doses import flags_for_workers
from radsafe.personnel.services.doses import (
    dose_flag_explain,
    dose_record_create,
    dose_record_update,
)

from .factories import make_worker

pytestmark = pytest.mark.django_db
D = datetime.date
Q1 = {"period_start": D(2023, 1, 1), "period_end": D(2023, 3, 31)}
Q2 = {"period_start": D(2023, 4, 1), "period_end": D(2023, 6, 29)}


def record_for(worker, period=Q1, hp10="0.100", **extra) -> DoseRecord:
    return dose_record_create(actor=None, worker=worker, hp10_msv=hp10, **period, **extra)


def form_data(record: DoseRecord, **changes) -> dict:
    return {
        "period_start": record.period_start.isoformat(),
        "period_end": record.period_end.isoformat(),
        "hp10_msv": str(record.hp10_msv),
        "hp3_msv": "",
        "hp007_msv": "",
        "service": record.service,
        "version": record.version,
        **changes,
    }


# --- the service --------------------------------------------------------------------------------
def test_a_correction_is_saved_versioned_and_audited_with_the_changed_fields(world):
    record = record_for(make_worker(world.unit1), service="省疾控")
    actor = world.users["unit1"]
    dose_record_update(
        actor=actor,
        record=record,
        expected_version=1,
        period_end=D(2023, 3, 30),
        hp10_msv=Decimal("0.25"),
        service="省疾控",
    )
    stored = DoseRecord.objects.get(pk=record.pk)
    assert (stored.version, stored.period_end, stored.hp10_msv) == (
        2,
        D(2023, 3, 30),
        Decimal("0.250"),
    )
    assert stored.updated_at > stored.created_at
    event = AuditEvent.objects.get(action="dose.update")
    assert (event.actor, event.object_id) == (actor, str(record.pk))
    assert event.before == {"hp10_msv": "0.100", "period_end": "2023-03-31"}
    assert event.after == {"hp10_msv": "0.250", "period_end": "2023-03-30"}


def test_an_unchanged_save_leaves_no_event(world):
    record = record_for(make_worker(world.unit1))
    dose_record_update(actor=None, record=record, expected_version=1, hp10_msv=Decimal("0.1"))
    assert not AuditEvent.objects.filter(action="dose.update").exists()


def test_the_overlap_check_leaves_the_record_itself_out(world):
    worker = make_worker(world.unit1)
    first, second = record_for(worker), record_for(worker, Q2)
    # Moving within its own period overlaps only itself: allowed.
    dose_record_update(actor=None, record=first, expected_version=1, period_start=D(2023, 1, 2))
    with pytest.raises(ValidationError) as refused:
        dose_record_update(
            actor=None,
            record=second,
            expected_version=1,
            period_start=D(2023, 3, 31),
            period_end=D(2023, 6, 1),
        )
    assert refused.value.message_dict == {
        "period_start": ["该人员已有与此监测周期重叠的剂量记录。"]
    }
    second.refresh_from_db()  # the refused values stay on the instance, as with every service
    with pytest.raises(ValidationError) as too_long:
        dose_record_update(actor=None, record=second, expected_version=1, period_end=D(2023, 7, 1))
    assert too_long.value.message_dict == {"period_end": ["监测周期不得超过 90 天（当前 92 天）"]}
    assert DoseRecord.objects.get(pk=second.pk).period_start == D(2023, 4, 1)  # nothing changed
    assert DoseRecord.objects.get(pk=second.pk).version == 1


def test_a_stale_version_is_refused_and_only_dose_fields_change(world):
    record = record_for(make_worker(world.unit1))
    dose_record_update(actor=None, record=record, expected_version=1, hp10_msv=Decimal("0.2"))
    stale = DoseRecord.objects.get(pk=record.pk)
    stale.version = 1
    with pytest.raises(StaleEditError):
        dose_record_update(actor=None, record=stale, expected_version=1, hp10_msv=Decimal("9"))
    assert DoseRecord.objects.get(pk=record.pk).hp10_msv == Decimal("0.200")
    with pytest.raises(ValueError, match="worker"):
        dose_record_update(
            actor=None, record=record, expected_version=2, worker=make_worker(world.unit1)
        )


def test_an_investigation_note_stays_with_its_records_flag(world):
    worker = make_worker(world.unit1, employed_on=D(2023, 1, 1), left_on=D(2023, 3, 31))
    record = record_for(worker, hp10="2.000")  # above 1.25 mSv a quarter
    dose_flag_explain(
        actor=None, worker=worker, code="investigation", key=str(record.pk), note="佩戴错误"
    )
    dose_record_update(actor=None, record=record, expected_version=1, hp10_msv=Decimal("1.8"))
    [item] = flags_for_workers([worker])
    assert (item.flag.code, item.flag.key, item.flag.value) == (
        "investigation",
        str(record.pk),
        Decimal("1.800"),
    )
    assert item.explained and item.investigation.note == "佩戴错误"
    dose_record_update(actor=None, record=record, expected_version=2, hp10_msv=Decimal("0.5"))
    assert flags_for_workers([worker]) == []  # below the level now: no flag to explain


# --- the page -----------------------------------------------------------------------------------
def test_the_edit_page_saves_and_goes_back_to_the_worker(client_as, world):
    record = record_for(make_worker(world.unit1))
    url = reverse("personnel:dose-edit", args=[record.pk])
    client = client_as("unit1")
    page = client.get(url).content.decode()
    assert 'name="version" value="1"' in page and 'value="0.100"' in page
    response = client.post(url, form_data(record, hp10_msv="0.3"))
    assert response.status_code == 302
    assert response["Location"] == (
        reverse("personnel:worker-detail", args=[record.worker_id]) + "#dose-flags"
    )
    assert DoseRecord.objects.get(pk=record.pk).hp10_msv == Decimal("0.300")
    assert AuditEvent.objects.get(action="dose.update").actor_name == "unit1"


def test_a_stale_edit_shows_the_conflict_and_keeps_the_input(client_as, world):
    record = record_for(make_worker(world.unit1))
    url = reverse("personnel:dose-edit", args=[record.pk])
    first = form_data(record, hp10_msv="0.3")
    second = form_data(record, hp10_msv="0.777", service="第二人的机构")
    assert client_as("bureau").post(url, first).status_code == 302
    response = client_as("unit1").post(url, second)
    html = response.content.decode()
    assert response.status_code == 200
    assert str(STALE_MESSAGE) in html
    assert 'value="0.777"' in html and 'value="第二人的机构"' in html  # nothing typed is lost
    stored = DoseRecord.objects.get(pk=record.pk)
    assert (stored.hp10_msv, stored.service, stored.version) == (Decimal("0.300"), "", 2)


def test_a_refused_edit_shows_the_message_on_its_field(client_as, world):
    record = record_for(make_worker(world.unit1))
    url = reverse("personnel:dose-edit", args=[record.pk])
    response = client_as("unit1").post(url, form_data(record, hp10_msv="-1"))
    assert "Hp(10) 剂量不能为负数。" in response.content.decode()
    assert DoseRecord.objects.get(pk=record.pk).hp10_msv == Decimal("0.100")


def test_a_post_without_the_version_is_refused_as_stale(client_as, world):
    record = record_for(make_worker(world.unit1))
    data = form_data(record, hp10_msv="0.3")
    del data["version"]
    response = client_as("unit1").post(reverse("personnel:dose-edit", args=[record.pk]), data)
    assert str(STALE_MESSAGE) in response.content.decode()
    assert DoseRecord.objects.get(pk=record.pk).version == 1


@pytest.mark.parametrize(("role", "link"), [("unit1", True), ("bureau", True), ("city", False)])
def test_the_dose_list_links_the_edit_for_those_who_may(client_as, world, role, link):
    record = record_for(make_worker(world.unit1))
    html = client_as(role).get(reverse("personnel:dose-list")).content.decode()
    assert (f'href="{reverse("personnel:dose-edit", args=[record.pk])}"' in html) is link
    assert (">修改</a>" in html) is link


def test_another_units_record_is_not_found(client_as, world):
    record = record_for(make_worker(world.unit1))
    url = reverse("personnel:dose-edit", args=[record.pk])
    assert client_as("unit2").post(url, form_data(record, hp10_msv="5")).status_code == 404
    assert DoseRecord.objects.get(pk=record.pk).hp10_msv == Decimal("0.100")


# --- the API ------------------------------------------------------------------------------------
def test_the_api_corrects_a_record_with_its_version(client_as, world):
    record = record_for(make_worker(world.unit1))
    url = f"/api/doses/{record.pk}/"
    client = client_as("unit1")
    assert client.get(url).json()["version"] == 1
    missing = client.patch(url, {"hp10_msv": "0.2"}, content_type="application/json")
    assert missing.status_code == 400 and "version" in missing.json()
    ok = client.patch(url, {"hp10_msv": "0.2", "version": 1}, content_type="application/json")
    assert ok.status_code == 200, ok.json()
    assert (ok.json()["hp10_msv"], ok.json()["version"]) == ("0.200", 2)
    stale = client.patch(url, {"hp10_msv": "0.4", "version": 1}, content_type="application/json")
    assert stale.status_code == 409
    overlap = record_for(record.worker, Q2)
    refused = client.patch(
        f"/api/doses/{overlap.pk}/",
        {"period_start": "2023-03-01", "period_end": "2023-05-01", "version": 1},
        content_type="application/json",
    )
    assert refused.status_code == 400
    assert refused.json()["period_start"] == ["该人员已有与此监测周期重叠的剂量记录。"]
    assert AuditEvent.objects.filter(action="dose.update").count() == 1


def test_the_api_keeps_the_worker_and_the_scope(client_as, world):
    record = record_for(make_worker(world.unit1))
    url = f"/api/doses/{record.pk}/"
    body = {
        "worker": make_worker(world.unit1).pk,
        "period_start": "2023-01-01",
        "period_end": "2023-03-31",
        "hp10_msv": "0.5",
        "version": 1,
    }
    moved = client_as("unit1").put(url, body, content_type="application/json")
    assert moved.status_code == 400 and moved.json()["worker"] == ["剂量记录所属人员不能修改。"]
    body["worker"] = record.worker_id
    assert (
        client_as("inspector1").put(url, body, content_type="application/json").status_code == 403
    )
    assert client_as("unit2").put(url, body, content_type="application/json").status_code == 404
    assert client_as("bureau").put(url, body, content_type="application/json").status_code == 200
    assert DoseRecord.objects.get(pk=record.pk).hp10_msv == Decimal("0.500")
