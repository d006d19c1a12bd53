"""The register's services: check-out, return, arrivals, physical counts
and off-site filings. Every refusal is in Chinese, names its field where there is one, and leaves
the database exactly as it was."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from radsafe.core.models import AuditEvent
from radsafe.inventory.choices import MovementKind
from radsafe.inventory.models import Incident, Movement, OffsiteUse, PhysicalCount, Source
from radsafe.inventory.services.register import movements as register
from radsafe.inventory.services.register import offsite
from tests.factories import SourceFactory, StorageSiteFactory

pytestmark = pytest.mark.django_db

NOW = timezone.now


def ago(**delta) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(**delta)


def held_source(unit, *, site=None, status="stored", arrived=None, **fields) -> Source:
    """A source on the unit's inventory with its arrival in the register."""
    site = site if site is not None else StorageSiteFactory(unit=unit)
    source = SourceFactory(unit=unit, site=site, status=status, **fields)
    register.source_arrival(
        actor=None, source=source, occurred_at=arrived or ago(days=30), person="张三"
    )
    return source


def snapshot(source: Source | None = None) -> dict:
    """Everything a refused call must leave untouched."""
    state = {
        "movements": Movement.objects.count(),
        "incidents": Incident.objects.count(),
        "counts": PhysicalCount.objects.count(),
        "filings": OffsiteUse.objects.count(),
        "audit": AuditEvent.objects.count(),
    }
    if source is not None:
        state["source"] = Source.objects.filter(pk=source.pk).values().get()
    return state


def refused(call, **kwargs) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        call(**kwargs)
    return caught.value


def check_out(source, actor=None, **overrides):
    return register.source_check_out(
        **{
            "actor": actor,
            "source": source,
            "occurred_at": ago(hours=2),
            "person": "李四",
            "purpose": "移动探伤",
            "destination": "永济市某工地",
            **overrides,
        }
    )


# --- check-out and return -----------------------------------------------------------------------


def test_check_out_and_return_move_the_projection_and_are_audited(world):
    actor = world.users["unit1"]
    source = held_source(world.unit1)
    home = source.site_id
    out = check_out(source, actor=actor)
    source.refresh_from_db()
    assert source.is_checked_out and source.site_id == home and source.status == "stored"
    assert out.kind == MovementKind.CHECK_OUT and out.unit_id == world.unit1.pk
    assert out.recorded_by == actor
    back = register.source_return(
        actor=actor, source=source, occurred_at=ago(hours=1), person="李四"
    )
    source.refresh_from_db()
    assert not source.is_checked_out and source.site_id == home
    assert back.check_out_id == out.pk and back.site_id == home
    actions = list(
        AuditEvent.objects.filter(object_type="inventory.movement")
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions[-2:] == ["movement.check_out", "movement.return"]


def test_return_to_another_site_of_the_unit(world):
    source = held_source(world.unit1)
    other = StorageSiteFactory(unit=world.unit1)
    check_out(source)
    register.source_return(
        actor=None, source=source, occurred_at=ago(hours=1), person="李四", site=other
    )
    source.refresh_from_db()
    assert source.site_id == other.pk


def test_check_out_of_a_source_already_out_is_refused_and_changes_nothing(world):
    source = held_source(world.unit1)
    check_out(source, occurred_at=ago(hours=3))
    before = snapshot(source)
    error = refused(check_out, source=source)
    assert "该放射源已出库，尚未归还" in " ".join(error.messages)
    assert snapshot(source) == before


def test_return_without_check_out_is_refused_and_changes_nothing(world):
    source = held_source(world.unit1)
    before = snapshot(source)
    error = refused(
        register.source_return, actor=None, source=source, occurred_at=ago(hours=1), person="李四"
    )
    assert "该放射源没有未归还的出库记录" in " ".join(error.messages)
    assert snapshot(source) == before


def test_return_before_the_check_out_is_refused(world):
    source = held_source(world.unit1)
    check_out(source, occurred_at=ago(hours=2))
    before = snapshot(source)
    error = refused(
        register.source_return, actor=None, source=source, occurred_at=ago(hours=3), person="李四"
    )
    assert "归还时间不能早于出库时间" in error.message_dict["occurred_at"][0]
    assert snapshot(source) == before


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"person": "  "}, "person", "请填写经办人"),
        ({"occurred_at": "future"}, "occurred_at", "不能晚于当前时间"),
        ({"offsite": True, "destination": ""}, "destination", "异地使用须填写去向"),
    ],
)
def test_check_out_bad_input_names_the_field(world, overrides, field, message):
    source = held_source(world.unit1)
    if overrides.get("occurred_at") == "future":
        overrides["occurred_at"] = NOW() + datetime.timedelta(days=1)
    before = snapshot(source)
    error = refused(check_out, source=source, **overrides)
    assert message in error.message_dict[field][0]
    assert snapshot(source) == before


def test_an_event_dated_before_the_last_one_is_refused(world):
    source = held_source(world.unit1, arrived=ago(days=2))
    error = refused(check_out, source=source, occurred_at=ago(days=3))
    assert "不能早于该放射源最近一条出入库记录" in error.message_dict["occurred_at"][0]


@pytest.mark.parametrize("status", ["disused", "lost"])
def test_only_sources_in_service_can_be_checked_out(world, status):
    source = held_source(world.unit1, status="stored")
    if status == "lost":
        register.source_change_status(
            actor=None, source=source, to_status=status, occurred_at=ago(days=1),
            person="张三", place="库房",
        )  # fmt: skip
    else:
        register.source_change_status(
            actor=None, source=source, to_status=status, occurred_at=ago(days=1), person="张三"
        )
    error = refused(check_out, source=source)
    assert "的放射源不能出库" in " ".join(error.messages)


def test_a_unit_officer_cannot_move_another_units_source(world):
    source = held_source(world.unit2)
    before = snapshot(source)
    error = refused(check_out, source=source, actor=world.users["unit1"])
    assert "超出您的数据范围" in " ".join(error.messages)
    assert snapshot(source) == before


# --- off-site use -------------------------------------------------------------------------------


def filing(source, **overrides):
    return offsite.offsite_create(
        **{
            "actor": None,
            "source": source,
            "place": " 运城市盐湖区某工地 ",
            "starts_on": timezone.localdate() - datetime.timedelta(days=5),
            "ends_on": timezone.localdate() + datetime.timedelta(days=5),
            "authority": "山西省生态环境厅",
            "filing_number": "晋环异备[2025]1号",
            **overrides,
        }
    )


def test_an_offsite_check_out_links_the_covering_filing(world):
    source = held_source(world.unit1)
    covering = filing(source)
    assert covering.place == "运城市盐湖区某工地" and covering.unit_id == world.unit1.pk
    out = check_out(source, offsite=True, destination="运城市盐湖区某工地 ")
    assert out.offsite_use_id == covering.pk


@pytest.mark.parametrize(
    "overrides",
    [
        {"place": "临汾市某工地"},
        {"ends_on": "yesterday"},
    ],
)
def test_an_offsite_check_out_without_covering_filing_is_flagged(world, overrides):
    source = held_source(world.unit1)
    when = ago(hours=2)
    if overrides.get("ends_on") == "yesterday":  # the day before the check-out's (local) day
        overrides["ends_on"] = timezone.localtime(when).date() - datetime.timedelta(days=1)
    filing(source, **overrides)
    out = check_out(source, offsite=True, destination="运城市盐湖区某工地", occurred_at=when)
    assert out.offsite and out.offsite_use_id is None


def test_filing_bad_input(world):
    source = held_source(world.unit1)
    error = refused(filing, source=None)
    assert "请选择放射源或射线装置" in error.message_dict["source"][0]
    error = refused(filing, source=source, ends_on=datetime.date(2000, 1, 1))
    assert "结束日期不能早于开始日期" in error.message_dict["ends_on"][0]
    assert OffsiteUse.objects.count() == 0


def test_filing_edit_checks_the_version(world):
    from radsafe.core.versioning import StaleEditError

    created = filing(held_source(world.unit1))
    offsite.offsite_update(
        actor=None, filing=created, expected_version=1, filing_number="晋环异备[2025]2号"
    )
    assert OffsiteUse.objects.get().filing_number == "晋环异备[2025]2号"
    with pytest.raises(StaleEditError):
        offsite.offsite_update(actor=None, filing=created, expected_version=1, place="别处")


# --- counts and arrivals ------------------------------------------------------------------------


def test_count_record_by_an_inspector_of_the_squad(world):
    site = StorageSiteFactory(unit=world.unit1)
    source = held_source(world.unit1, site=site)
    count = register.count_record(
        actor=world.users["inspector1"],
        site=site,
        counted_at=ago(hours=1),
        counted_by="李海波",
        sources_found=[source],
    )
    assert list(count.sources_found.all()) == [source]
    assert count.unit_id == world.unit1.pk
    assert AuditEvent.objects.filter(action="count.record").count() == 1


def test_count_refuses_another_units_source_and_the_other_squad(world):
    site = StorageSiteFactory(unit=world.unit1)
    foreign = held_source(world.unit2)
    before = snapshot()
    error = refused(
        register.count_record,
        actor=None,
        site=site,
        counted_at=ago(hours=1),
        counted_by="李海波",
        sources_found=[foreign],
    )
    assert foreign.code in error.message_dict["sources_found"][0]
    error = refused(
        register.count_record,
        actor=world.users["inspector2"],
        site=site,
        counted_at=ago(hours=1),
        counted_by="赵文斌",
        sources_found=[],
    )
    assert "超出您的数据范围" in " ".join(error.messages)
    assert snapshot() == before


def test_a_second_arrival_is_refused(world):
    source = held_source(world.unit1)
    error = refused(
        register.source_arrival, actor=None, source=source, occurred_at=ago(hours=1), person="x"
    )
    assert "已有入库登记" in " ".join(error.messages)
