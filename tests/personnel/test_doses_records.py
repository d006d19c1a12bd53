"""Dose records through the service, the pages and the API: bad input refused in Chinese with
nothing saved, scope per role, and a flag explained by the unit leaving the bureau's list."""

import datetime

import pytest
from django.urls import reverse

from radsafe.core.models import AuditEvent
from radsafe.personnel.models import DoseInvestigation, DoseRecord
from radsafe.personnel.selectors.doses import worker_flags
from radsafe.personnel.services.doses import dose_flag_explain, dose_record_create

from .factories import make_worker

pytestmark = pytest.mark.django_db
D = datetime.date


FIRST_QUARTER = (D(2023, 1, 1), D(2023, 3, 31))


def create(worker, start=FIRST_QUARTER[0], end=FIRST_QUARTER[1], hp10="0.100", **extra):
    return dose_record_create(
        actor=None, worker=worker, period_start=start, period_end=end, hp10_msv=hp10, **extra
    )


def refusal(worker, **kwargs) -> dict:
    before = DoseRecord.objects.count()
    with pytest.raises(Exception) as caught:
        create(worker, **kwargs)
    assert DoseRecord.objects.count() == before  # nothing changes
    return caught.value.message_dict


def test_a_91_day_period_is_refused_with_a_clear_message(world):
    worker = make_worker(world.unit1)
    errors = refusal(worker, start=D(2024, 1, 1), end=D(2024, 3, 31))  # leap year: 91 days
    assert errors == {"period_end": ["监测周期不得超过 90 天（当前 91 天）"]}
    assert create(worker, start=D(2024, 1, 1), end=D(2024, 3, 30)).pk  # 90 days is allowed


def test_end_before_start_negative_doses_and_overlaps_are_refused(world):
    worker = make_worker(world.unit1)
    assert refusal(worker, start=D(2023, 2, 1), end=D(2023, 1, 31)) == {
        "period_end": ["结束日期不能早于开始日期"]
    }
    errors = refusal(worker, hp10="-0.001", hp007_msv="-1")
    assert errors["hp10_msv"] == ["Hp(10) 剂量不能为负数。"]
    assert errors["hp007_msv"] == ["Hp(0.07) 剂量不能为负数。"]
    create(worker)
    assert "period_start" in refusal(worker, start=D(2023, 3, 31), end=D(2023, 4, 30))
    assert create(worker, start=D(2023, 4, 1), end=D(2023, 4, 30)).unit_id == world.unit1.pk


def test_the_dose_form_records_and_shows_refusals_on_the_field(client_as, world):
    worker = make_worker(world.unit1, employed_on=D(2023, 1, 1))
    url = reverse("personnel:dose-create", args=[worker.pk])
    data = {"period_start": "2023-01-01", "period_end": "2023-04-30", "hp10_msv": "0.2"}
    response = client_as("unit1").post(url, data)
    assert response.status_code == 200
    assert "监测周期不得超过 90 天（当前 120 天）" in response.content.decode()
    assert not DoseRecord.objects.exists()
    response = client_as("unit1").post(url, {**data, "period_end": "2023-03-31"})
    assert response.status_code == 302
    record = DoseRecord.objects.get()
    assert (record.worker, record.scope_path) == (worker, worker.scope_path)
    assert AuditEvent.objects.filter(action="dose.create").count() == 1


@pytest.mark.parametrize(
    ("role", "visible"),
    [
        ("bureau", {"甲", "乙"}),
        ("inspector1", {"甲"}),
        ("unit2", {"乙"}),
        ("city", {"甲", "乙", "丙"}),
    ],
)
def test_the_dose_list_and_api_show_each_viewer_its_scope(client_as, world, role, visible):
    for unit, name in ((world.unit1, "甲"), (world.unit2, "乙"), (world.foreign_unit, "丙")):
        create(make_worker(unit, name=name))
    client = client_as(role)
    response = client.get(reverse("personnel:dose-list"))
    assert {row.record.worker.name for row in response.context["table"].paginated_rows} == visible
    data = client.get("/api/doses/").json()
    rows = data["results"] if isinstance(data, dict) else data
    assert {row["worker_name"] for row in rows} == visible


def test_the_api_creates_with_the_services_messages(client_as, world):
    worker = make_worker(world.unit1)
    other = make_worker(world.unit2)
    payload = {"worker": worker.pk, "period_start": "2023-01-01", "period_end": "2023-04-01"}
    client = client_as("unit1")
    response = client.post(
        "/api/doses/", {**payload, "hp10_msv": "0.1"}, content_type="application/json"
    )
    assert response.status_code == 400
    assert "监测周期不得超过 90 天（当前 91 天）" in response.content.decode()
    response = client.post(
        "/api/doses/",
        {**payload, "worker": other.pk, "period_end": "2023-03-01", "hp10_msv": "0.1"},
        content_type="application/json",
    )
    assert response.status_code == 400 and not DoseRecord.objects.exists()
    response = client.post(
        "/api/doses/",
        {**payload, "period_end": "2023-03-01", "hp10_msv": "0.1"},
        content_type="application/json",
    )
    assert response.status_code == 201
    assert response.json()["unit"] == world.unit1.pk


def flagged_names(client) -> set[tuple[str, str]]:
    response = client.get(reverse("personnel:dose-flags"))
    assert response.status_code == 200
    return {(item.worker.name, item.flag.code) for item in response.context["flags"]}


def test_explaining_a_flag_clears_it_from_the_bureau_list(client_as, world):
    today = datetime.date.today()
    high = make_worker(world.unit1, name="高剂量", employed_on=today - datetime.timedelta(days=30))
    clean = make_worker(world.unit1, name="正常", employed_on=today - datetime.timedelta(days=30))
    record = create(high, start=today - datetime.timedelta(days=29), end=today, hp10="2.000")
    create(clean, start=today - datetime.timedelta(days=29), end=today, hp10="0.050")
    assert flagged_names(client_as("bureau")) == {("高剂量", "investigation")}
    response = client_as("unit1").post(
        reverse("personnel:dose-explain", args=[high.pk]),
        {"code": "investigation", "key": str(record.pk), "note": "探伤时剂量计遗留在机房内"},
    )
    assert response.status_code == 302
    assert DoseInvestigation.objects.get().written_by == world.users["unit1"]
    assert flagged_names(client_as("bureau")) == set()
    detail = client_as("bureau").get(reverse("personnel:worker-detail", args=[high.pk]))
    assert "探伤时剂量计遗留在机房内" in detail.content.decode()


def test_only_a_present_flag_can_be_explained_and_only_once(world):
    worker = make_worker(world.unit1, employed_on=D(2023, 1, 1))
    record = create(worker, hp10="5")
    with pytest.raises(Exception, match="没有此剂量异常"):
        dose_flag_explain(actor=None, worker=worker, code="annual", key="2023", note="x")
    with pytest.raises(Exception, match="请填写调查说明"):
        dose_flag_explain(
            actor=None, worker=worker, code="investigation", key=str(record.pk), note=" "
        )
    dose_flag_explain(actor=None, worker=worker, code="investigation", key=str(record.pk), note="x")
    with pytest.raises(Exception, match="已有调查说明"):
        dose_flag_explain(
            actor=None, worker=worker, code="investigation", key=str(record.pk), note="y"
        )
    assert DoseInvestigation.objects.count() == 1
    assert {flag.code for flag in worker_flags(worker)} >= {"investigation", "gap"}


def test_a_planted_gap_is_flagged_and_a_covered_worker_is_not(world):
    today = D(2023, 11, 27)  # 90 days after the last reported day: nothing yet overdue
    gappy = make_worker(world.unit1, employed_on=D(2023, 1, 1))
    covered = make_worker(world.unit1, employed_on=D(2023, 1, 1))
    for worker in (gappy, covered):
        create(worker, start=D(2023, 1, 1), end=D(2023, 3, 31))
        create(worker, start=D(2023, 6, 1), end=D(2023, 8, 29))
    create(covered, start=D(2023, 4, 1), end=D(2023, 5, 31))
    assert [(f.code, f.key) for f in worker_flags(gappy, today=today)] == [("gap", "2023-04-01")]
    assert worker_flags(covered, today=today) == []


def test_a_period_that_has_not_ended_is_refused(world):
    from django.utils import timezone

    worker = make_worker(world.unit1)
    today = timezone.localdate()
    start = today - datetime.timedelta(days=30)
    errors = refusal(worker, start=start, end=today + datetime.timedelta(days=1))
    assert errors == {
        "period_end": [f"结束日期不能晚于今天（{today.isoformat()}）：监测周期结束后才有剂量结果"]
    }
    assert create(worker, start=start, end=today).period_end == today  # ending today is fine
