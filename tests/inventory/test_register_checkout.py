"""Check-out by a registered worker (issue 9 §3): the 领用人 is a worker of the source's unit, on
duty, with an assessment result valid on the check-out day; otherwise the service refuses (or, with
RADSAFE_CHECKOUT_UNQUALIFIED=warn, writes and warns) — the same words on the page and the API."""

import datetime

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from radsafe.core.models import AuditEvent
from radsafe.inventory.choices import MovementKind
from radsafe.inventory.models import Movement
from radsafe.inventory.services.register import movements as register
from tests.personnel.factories import make_qualified_worker, make_training, make_worker

from .test_register_services import ago, held_source, snapshot

pytestmark = pytest.mark.django_db

JSON = "application/json"
UNQUALIFIED = "领用人 {} 没有有效的辐射安全考核成绩报告单（无证上岗）。"
OTHER_UNIT = "领用人不是该单位登记的辐射工作人员。"


def local(moment: datetime.datetime) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def check_out(world, source, worker, **kwargs):
    return register.source_check_out(
        actor=world.users["unit1"],
        source=source,
        occurred_at=kwargs.pop("occurred_at", ago(hours=2)),
        worker=worker,
        **kwargs,
    )


def expired_worker(unit, name="过期乙"):
    worker = make_worker(unit, name=name)
    make_training(worker, passed_on=timezone.localdate() - datetime.timedelta(days=6 * 365))
    return worker


# --- the service ---------------------------------------------------------------------------------


def test_a_qualified_worker_checks_out_and_the_movement_links_and_names_them(world):
    source = held_source(world.unit1)
    worker = make_qualified_worker(world.unit1, name="王建国")
    movement = check_out(world, source, worker, person="别的名字")
    movement.refresh_from_db()
    assert movement.worker_id == worker.pk and movement.person == "王建国"
    assert movement.warnings == []
    source.refresh_from_db()
    assert source.is_checked_out


@pytest.mark.parametrize("case", ["none", "expired", "not_yet"])
def test_a_worker_without_a_result_valid_that_day_is_refused(world, case):
    source = held_source(world.unit1)
    if case == "none":
        worker = make_worker(world.unit1, name="无证甲")
    elif case == "expired":
        worker = expired_worker(world.unit1, name="无证甲")
    else:  # passed today, checked out yesterday
        worker = make_worker(world.unit1, name="无证甲")
        make_training(worker, passed_on=timezone.localdate())
    before = snapshot(source)
    with pytest.raises(Exception) as refused:
        check_out(world, source, worker, occurred_at=ago(days=1))
    assert refused.value.message_dict == {"worker": [UNQUALIFIED.format("无证甲")]}
    assert snapshot(source) == before


def test_a_worker_of_another_unit_is_refused(world):
    source = held_source(world.unit1)
    stranger = make_qualified_worker(world.unit2, name="外单位丙")
    before = snapshot(source)
    with pytest.raises(Exception) as refused:
        register.source_check_out(
            actor=world.users["bureau"], source=source, occurred_at=ago(hours=2), worker=stranger
        )
    assert refused.value.message_dict == {"worker": [OTHER_UNIT]}
    assert snapshot(source) == before


def test_a_worker_who_has_left_is_refused(world):
    source = held_source(world.unit1)
    gone = make_qualified_worker(world.unit1, name="离职丁", left_on=ago(days=3).date())
    with pytest.raises(Exception) as refused:
        check_out(world, source, gone)
    assert "离职丁 在出库日期不在岗" in str(refused.value)


@override_settings(RADSAFE_CHECKOUT_UNQUALIFIED="warn")
def test_warn_mode_writes_the_check_out_with_the_warning(world):
    source = held_source(world.unit1)
    worker = expired_worker(world.unit1)
    movement = check_out(world, source, worker)
    assert movement.warnings == [UNQUALIFIED.format("过期乙")]
    assert Movement.objects.get(kind=MovementKind.CHECK_OUT).worker_id == worker.pk
    event = AuditEvent.objects.get(action="movement.check_out")
    assert event.after["warnings"] == [UNQUALIFIED.format("过期乙")]
    # Another unit's worker is refused whatever the mode.
    other = held_source(world.unit1)
    with pytest.raises(Exception, match="领用人不是该单位"):
        check_out(world, other, make_qualified_worker(world.unit2))


def test_without_a_worker_the_name_alone_still_records_as_before(world):
    """The movement import names the 领用人 by free text: no worker, no worker rule."""
    source = held_source(world.unit1)
    movement = check_out(world, source, None, person="临时工")
    assert movement.worker_id is None and movement.person == "临时工"


# --- the page ------------------------------------------------------------------------------------


def test_the_page_offers_the_units_workers_on_duty_and_marks_the_unqualified(world, client_as):
    source = held_source(world.unit1)
    ok = make_qualified_worker(world.unit1, name="持证甲", post="探伤工")
    bad = expired_worker(world.unit1, name="过期乙")
    gone = make_qualified_worker(world.unit1, name="离职丙", left_on=datetime.date(2021, 1, 1))
    stranger = make_qualified_worker(world.unit2, name="外单位丁")
    page = client_as("unit1").get(reverse("inventory:source-checkout", args=[source.pk]))
    html = page.content.decode()
    assert f'<option value="{ok.pk}">持证甲（探伤工）</option>' in html
    assert f'<option value="{bad.pk}">过期乙 — 无有效考核成绩报告单</option>' in html
    assert f'value="{gone.pk}"' not in html and f'value="{stranger.pk}"' not in html


def test_the_page_refuses_the_unqualified_with_the_reason_and_accepts_the_qualified(
    world, client_as
):
    source = held_source(world.unit1)
    client = client_as("unit1")
    url = reverse("inventory:source-checkout", args=[source.pk])
    bad = expired_worker(world.unit1)
    response = client.post(url, {"occurred_at": local(ago(hours=2)), "worker": bad.pk})
    assert response.status_code == 200
    assert response.context["form"].errors["worker"] == [UNQUALIFIED.format("过期乙")]
    assert not Movement.objects.filter(kind=MovementKind.CHECK_OUT).exists()
    good = make_qualified_worker(world.unit1)
    response = client.post(url, {"occurred_at": local(ago(hours=2)), "worker": good.pk})
    assert response.status_code == 302
    assert Movement.objects.get(kind=MovementKind.CHECK_OUT).worker_id == good.pk


def test_the_page_refuses_another_units_worker_in_the_services_words(world, client_as):
    source = held_source(world.unit1)
    stranger = make_qualified_worker(world.unit2)
    response = client_as("bureau").post(
        reverse("inventory:source-checkout", args=[source.pk]),
        {"occurred_at": local(ago(hours=2)), "worker": stranger.pk},
    )
    assert response.context["form"].errors["worker"] == [OTHER_UNIT]


@override_settings(RADSAFE_CHECKOUT_UNQUALIFIED="warn")
def test_in_warn_mode_the_page_saves_and_shows_the_warning(world, client_as):
    source = held_source(world.unit1)
    client = client_as("unit1")
    response = client.post(
        reverse("inventory:source-checkout", args=[source.pk]),
        {"occurred_at": local(ago(hours=2)), "worker": expired_worker(world.unit1).pk},
        follow=True,
    )
    html = response.content.decode()
    assert "已登记出库" in html and "alert-warning" in html
    assert UNQUALIFIED.format("过期乙") in html


# --- the API -------------------------------------------------------------------------------------


def post(client, source, **fields):
    data = {"kind": "check_out", "source": source.pk, "occurred_at": ago(hours=2).isoformat()}
    return client.post("/api/movements/", {**data, **fields}, content_type=JSON)


def test_the_api_applies_the_same_rule_and_words(world, client_as):
    source = held_source(world.unit1)
    client = client_as("unit1")
    missing = post(client, source, person="刘晓燕")
    assert missing.status_code == 400 and "worker" in missing.json()
    refused = post(client, source, worker=expired_worker(world.unit1).pk)
    assert refused.status_code == 400
    assert refused.json() == {"worker": [UNQUALIFIED.format("过期乙")]}
    outsider = make_qualified_worker(world.unit2)
    unseen = post(client, source, worker=outsider.pk)  # unit1 cannot see unit2's workers
    assert unseen.status_code == 400
    assert "不存在或不在您的数据范围内" in unseen.json()["worker"][0]
    across = post(client_as("bureau"), source, worker=outsider.pk)  # the bureau sees both
    assert across.json() == {"worker": [OTHER_UNIT]}
    assert not Movement.objects.filter(kind=MovementKind.CHECK_OUT).exists()
    good = make_qualified_worker(world.unit1, name="王建国")
    ok = post(client, source, worker=good.pk)
    assert ok.status_code == 201, ok.json()
    assert ok.json()["worker"] == good.pk and ok.json()["person"] == "王建国"


@override_settings(RADSAFE_CHECKOUT_UNQUALIFIED="warn")
def test_in_warn_mode_the_api_writes_and_returns_the_warning(world, client_as):
    source = held_source(world.unit1)
    response = post(client_as("unit1"), source, worker=expired_worker(world.unit1).pk)
    assert response.status_code == 201
    assert response.json()["warnings"] == [UNQUALIFIED.format("过期乙")]
