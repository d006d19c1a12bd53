"""Reconciliation finds each discrepancy planted in the fixture, and nothing else."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from radsafe.inventory.selectors.register import reconciliation
from radsafe.inventory.services.register import movements as register
from radsafe.inventory.services.register import offsite
from tests.factories import SourceFactory, StorageSiteFactory

from .test_register_services import ago, held_source

pytestmark = pytest.mark.django_db


class Planted:
    """Unit 1 with two stores; one source per kind of discrepancy and several clean ones."""

    def __init__(self, world):
        self.world = world
        self.now = timezone.now()
        unit = world.unit1
        self.a = StorageSiteFactory(unit=unit, name="甲库")
        self.b = StorageSiteFactory(unit=unit, name="乙库")
        arrived = ago(days=10)

        def checked_out_and_back(source, out_hours, back_hours, **kwargs):
            register.source_check_out(
                actor=None, source=source, occurred_at=ago(hours=out_hours), person="李四",
                destination=kwargs.pop("destination", "工地"), **kwargs,
            )  # fmt: skip
            if back_hours is not None:
                register.source_return(
                    actor=None, source=source, occurred_at=ago(hours=back_hours), person="李四"
                )

        # Clean: out and back; out for 2 h only (after the count); off site with a filing;
        # arrived at 甲库 after its count; lost while out (the incident, not the register, follows
        # it up); a store without a count.
        self.clean = []
        source = held_source(unit, site=self.a, arrived=arrived)
        checked_out_and_back(source, 100, 90)
        self.clean.append(source)
        source = held_source(unit, site=self.a, arrived=arrived)
        checked_out_and_back(source, 2, None)
        self.clean.append(source)
        source = held_source(unit, site=self.a, arrived=arrived)
        offsite.offsite_create(
            actor=None,
            source=source,
            place="运城市盐湖区工地",
            starts_on=timezone.localdate() - datetime.timedelta(days=20),
            ends_on=timezone.localdate() + datetime.timedelta(days=20),
            authority="山西省生态环境厅",
            filing_number="晋环异备[2025]3号",
        )
        checked_out_and_back(source, 80, 70, offsite=True, destination="运城市盐湖区工地")
        self.clean.append(source)
        source = held_source(unit, site=self.a, arrived=ago(hours=12))
        self.clean.append(source)
        source = held_source(unit, site=self.a, arrived=arrived)
        checked_out_and_back(source, 60, None)
        register.source_change_status(
            actor=None, source=source, to_status="lost", occurred_at=ago(hours=59),
            person="李四", place="工地",
        )  # fmt: skip
        self.clean.append(source)
        self.clean.append(held_source(unit, site=self.b, arrived=arrived))

        # Planted, one of each kind.
        self.no_arrival = SourceFactory(unit=unit, site=self.b, status="stored")
        self.overdue = held_source(unit, site=self.b, arrived=arrived)
        checked_out_and_back(self.overdue, 30, None)
        self.missing = held_source(unit, site=self.a, arrived=arrived)
        self.unexpected = held_source(unit, site=self.b, arrived=arrived)
        self.unfiled = held_source(unit, site=self.b, arrived=arrived)
        checked_out_and_back(self.unfiled, 50, 40, offsite=True, destination="临汾市工地")

        # An older count of 甲库 that found nothing: only the latest count is compared.
        register.count_record(
            actor=None, site=self.a, counted_at=ago(days=3), counted_by="王五", sources_found=[]
        )
        # Found: what was in 甲库 a day ago (clean 0–2; 3 arrived later, 4 was out), plus one
        # source the register puts in 乙库.
        found = [*self.clean[:3], self.unexpected]
        register.count_record(
            actor=None, site=self.a, counted_at=ago(days=1), counted_by="王五", sources_found=found
        )
        # Another unit's overdue source is not unit 1's business.
        other = held_source(world.unit2, arrived=arrived)
        register.source_check_out(
            actor=None, source=other, occurred_at=ago(hours=48), person="赵六", destination="工地"
        )


@pytest.fixture
def planted(world):
    return Planted(world)


def kinds(found) -> set[tuple[str, int]]:
    return {(d.kind, d.source.pk) for d in found}


def test_unit_reconciliation_finds_each_planted_discrepancy_and_nothing_else(planted):
    found = reconciliation(unit=planted.world.unit1, now=planted.now)
    assert kinds(found) == {
        ("no_arrival", planted.no_arrival.pk),
        ("overdue", planted.overdue.pk),
        ("count_missing", planted.missing.pk),
        ("count_unexpected", planted.unexpected.pk),
        ("offsite_unfiled", planted.unfiled.pk),
    }
    descriptions = {d.kind: d.description for d in found}
    assert "超过允许的 24 小时" in descriptions["overdue"]
    assert "甲库" in descriptions["count_missing"]
    assert "临汾市工地" in descriptions["offsite_unfiled"]


def test_site_reconciliation_keeps_what_concerns_the_site(planted):
    found_a = reconciliation(site=planted.a, now=planted.now)
    assert kinds(found_a) == {
        ("count_missing", planted.missing.pk),
        ("count_unexpected", planted.unexpected.pk),
    }
    found_b = reconciliation(site=planted.b, now=planted.now)
    assert kinds(found_b) == {
        ("no_arrival", planted.no_arrival.pk),
        ("overdue", planted.overdue.pk),
        ("offsite_unfiled", planted.unfiled.pk),
    }


def test_the_overdue_limit_is_a_setting(planted, settings):
    settings.RADSAFE_CHECKOUT_MAX_HOURS = 72
    found = reconciliation(unit=planted.world.unit1, now=planted.now)
    assert "overdue" not in {d.kind for d in found}


def test_recording_the_missing_arrival_clears_it(planted):
    register.source_arrival(
        actor=None, source=planted.no_arrival, occurred_at=ago(minutes=5), person="张三"
    )
    found = reconciliation(unit=planted.world.unit1, now=timezone.now())
    assert ("no_arrival", planted.no_arrival.pk) not in kinds(found)


def test_the_reconciliation_page_lists_them(planted, client_as):
    response = client_as("inspector1").get(
        reverse("inventory:unit-reconciliation", args=[planted.world.unit1.pk])
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count('data-kind="') == 5
    for source in (planted.no_arrival, planted.overdue, planted.missing, planted.unexpected):
        assert source.code in html
    assert "出库超时未归还" in html and "异地使用未备案" in html
    response = client_as("bureau").get(
        reverse("inventory:site-reconciliation", args=[planted.a.pk])
    )
    assert response.content.decode().count('data-kind="') == 2
