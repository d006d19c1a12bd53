"""The movement-register import: rows applied in time order through the register's services,
an identical event counted as unchanged, and the register's own rules reported as row errors by
the dry run."""

import datetime

import pytest

from radsafe.core.imports import ImportRejected
from radsafe.core.models import AuditEvent
from radsafe.inventory.imports import movements
from radsafe.inventory.models import Incident, Movement, Source
from radsafe.inventory.services.assets import source_create
from tests.factories import StorageSiteFactory

from .test_imports_sources import errors_by_row, sheet_of

pytestmark = pytest.mark.django_db

HEADERS = [
    "放射源编码*",
    "类型*",
    "时间*",
    "经办人*",
    "用途/事由",
    "去向",
    "贮存场所",
    "异地使用",
    "变更后状态",
]
PURPOSE = {"用途/事由": "现场探伤"}
ARRIVED = datetime.datetime(2024, 1, 1, 9, tzinfo=datetime.UTC)


@pytest.fixture
def held(world):
    """Three sources of unit 1 in its store, arrived on 1 January 2024, and one of unit 2."""
    site = StorageSiteFactory(unit=world.unit1, name="一号源库")
    StorageSiteFactory(unit=world.unit1, name="二号源库")
    other = StorageSiteFactory(unit=world.unit2, name="探伤源库")
    made = {}
    for n, (unit, store) in enumerate([(world.unit1, site)] * 3 + [(world.unit2, other)]):
        made[n] = source_create(
            actor=None,
            unit=unit,
            code=f"0123IR{n:05d}2",
            nuclide="Ir-192",
            activity_bq=3.7e12,
            reference_date=datetime.date(2023, 12, 1),
            site=store,
            arrived_at=ARRIVED,
        )
    return made


def line(source, kind: str, when: str, **overrides) -> dict:
    values = {"放射源编码": source.code, "类型": kind, "时间": when, "经办人": "张三"}
    values.update(overrides)
    return values


def plan_for(rows, actor):
    sheet = sheet_of(rows, headers=HEADERS, columns=movements.COLUMNS)
    return movements.plan_movement_import(rows=sheet.rows, actor=actor)


def commit(rows, actor):
    sheet = sheet_of(rows, headers=HEADERS, columns=movements.COLUMNS)
    return movements.commit_movement_import(rows=sheet.rows, actor=actor, sha256=sheet.sha256)


def test_a_register_imports_in_time_order_and_again_changes_nothing(world, held):
    officer = world.users["unit1"]
    first, second, third = held[0], held[1], held[2]
    rows = [
        # listed out of order: the return comes first in the file, but is later in time
        line(first, "归还入库", "2024-03-01 17:00", 贮存场所="二号源库"),
        line(first, "出库", "2024-03-01 08:00", 去向="二号车间", 异地使用="否", **PURPOSE),
        line(second, "状态变更", "2024-03-02 10:00", 变更后状态="闲置"),
        line(third, "送贮", "2024-03-03 10:00", 去向="山西省城市放射性废物库"),
    ]

    plan = commit(rows, officer)

    assert plan.counts == {"create": 4, "update": 0, "unchanged": 0}
    kinds = list(
        Movement.objects.filter(source=first).order_by("occurred_at").values_list("kind", flat=True)
    )
    assert kinds == ["arrival", "check_out", "return"]
    ret = Movement.objects.get(source=first, kind="return")
    assert ret.check_out.purpose == "现场探伤" and ret.site.name == "二号源库"
    states = {s.pk: (s.status, s.is_checked_out) for s in Source.objects.all()}
    assert states[first.pk] == ("stored", False)
    assert states[second.pk] == ("idle", False)
    assert states[third.pk] == ("sent_for_storage", False)
    assert Movement.objects.get(source=third, kind="sent_for_storage").note.endswith(
        "山西省城市放射性废物库）"
    )
    last_event = AuditEvent.objects.order_by("-id").first().pk

    again = commit(rows, officer)

    assert again.counts == {"create": 0, "update": 0, "unchanged": 4}
    assert Movement.objects.count() == 4 + 4  # four arrivals, four imported events
    new = AuditEvent.objects.filter(pk__gt=last_event).values_list("action", flat=True)
    assert list(new) == ["movement.import"]


def test_a_return_without_a_check_out_is_a_row_error_and_nothing_is_written(world, held):
    rows = [
        line(held[0], "出库", "2024-03-01 08:00"),
        line(held[0], "归还入库", "2024-03-01 17:00"),
        line(held[1], "归还入库", "2024-03-01 17:00"),  # never checked out
    ]
    before = (Movement.objects.count(), AuditEvent.objects.count())

    plan = plan_for(rows, world.users["unit1"])

    assert errors_by_row(plan) == {4: [("", "该放射源没有未归还的出库记录。")]}
    with pytest.raises(ImportRejected) as rejected:
        commit(rows, world.users["unit1"])
    assert [(e.row, e.message) for e in rejected.value.errors] == [
        (4, "该放射源没有未归还的出库记录。")
    ]
    assert (Movement.objects.count(), AuditEvent.objects.count()) == before
    assert not Source.objects.filter(is_checked_out=True).exists()


def test_the_registers_rules_are_row_errors(world, held):
    rows = [
        line(held[0], "出库", "2024-03-01 08:00"),
        line(held[0], "出库", "2024-03-01 09:00"),  # already out
        line(held[1], "出库", "2023-12-01 08:00"),  # before the source arrived
        line(held[2], "出库", "2024-03-01 08:00", 异地使用="是"),  # off site without a place
    ]
    found = errors_by_row(plan_for(rows, world.users["unit1"]))
    assert found[3] == [("", "该放射源已出库，尚未归还。")]
    assert found[4][0][0] == "时间" and "不能早于该放射源最近一条出入库记录的时间" in found[4][0][1]
    assert found[5] == [("去向", "异地使用须填写去向（使用地点）。")]
    assert 2 not in found


def test_cells_are_checked_before_the_services(world, held):
    rows = [
        line(held[0], "转让转出", "2024-03-01 08:00"),
        line(held[0], "借出", "2024-03-01 08:00"),
        line(held[0], "状态变更", "2024-03-01 08:00"),
        line(held[0], "出库", "三月一日"),
        line(held[0], "出库", "2024-03-01 08:00", 经办人="", 异地使用="也许"),
        line(held[3], "出库", "2024-03-01 08:00"),  # unit 2's source
        line(held[0], "归还入库", "2024-03-01 18:00", 贮存场所="探伤源库"),  # unit 2's store
    ]
    found = errors_by_row(plan_for(rows, world.users["unit1"]))
    assert found[2][0][0] == "类型" and "转让登记" in found[2][0][1]
    assert found[3] == [("类型", "“借出”无效，应为：出库、归还入库、送贮、状态变更")]
    assert found[4] == [("变更后状态", "类型为“状态变更”时不能为空")]
    assert found[5] == [("时间", "时间无效，应为日期时间或 YYYY-MM-DD HH:MM 格式的文本")]
    assert found[6] == [("经办人", "不能为空"), ("异地使用", "“也许”无效，应为“是”或“否”")]
    assert found[7] == [("放射源编码", f"放射源编码 {held[3].code} 未登记或不在您的数据范围内")]
    assert found[8][0][0] == "贮存场所"


def test_the_same_event_twice_in_a_file_is_refused(world, held):
    rows = [line(held[0], "出库", "2024-03-01 08:00"), line(held[0], "出库", "2024-03-01 08:00")]
    found = errors_by_row(plan_for(rows, world.users["unit1"]))
    assert found == {3: [("时间", "与第 2 行的放射源、类型和时间都相同")]}


def test_marking_a_source_lost_opens_its_incident(world, held):
    rows = [line(held[0], "状态变更", "2024-04-01 10:00", 变更后状态="丢失", 去向="厂区东门")]
    commit(rows, world.users["bureau"])
    incident = Incident.objects.get(source=held[0])
    assert (incident.kind, incident.place, incident.status) == ("lost", "厂区东门", "open")
    assert Source.objects.get(pk=held[0].pk).status == "lost"
