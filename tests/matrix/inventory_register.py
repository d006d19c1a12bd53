"""Movement register pages and API: the register, check-out / return / status, counts,
reconciliation, off-site filings, transfers and incidents."""

import datetime

from django.utils import timezone

from . import STAFF, UNIT1_SCOPE, VIEWERS, Entry, unit1

# movement.record, transfer.create and inventory.change: unit officers and the bureau lead.
KEEPERS = {"bureau", "unit1", "unit2"}
# count.record: the keepers and the inspectors, who count on site.
COUNTERS = KEEPERS | STAFF


def _source(world):
    from tests.factories import SourceFactory

    return SourceFactory(unit=world.unit1)


def unit1_source(world):
    return {"pk": _source(world).pk}


def unit1_site(world):
    from tests.factories import StorageSiteFactory

    return {"pk": StorageSiteFactory(unit=world.unit1).pk}


def unit1_movement(world):
    from radsafe.inventory.models import Movement

    movement = Movement.objects.create(
        unit=world.unit1,
        source=_source(world),
        kind="arrival",
        occurred_at=timezone.now(),
        person="王五",
        to_status="stored",
    )
    return {"pk": movement.pk}


def unit1_offsite(world):
    from radsafe.inventory.models import OffsiteUse

    filing = OffsiteUse.objects.create(
        unit=world.unit1,
        source=_source(world),
        place="运城市盐湖区某工地",
        starts_on=datetime.date(2024, 1, 1),
        ends_on=datetime.date(2024, 12, 31),
        authority="山西省生态环境厅",
        filing_number="晋环异备[2024]1号",
    )
    return {"pk": filing.pk}


def unit1_transfer(world):
    from radsafe.inventory.models import Transfer

    transfer = Transfer.objects.create(
        source=_source(world),
        unit=world.unit1,
        to_unit=world.foreign_unit,
        approval_number="晋环转[2024]1号",
        transferred_on=datetime.date(2024, 5, 1),
    )
    return {"pk": transfer.pk}


def unit1_incident(world):
    from radsafe.inventory.models import Incident

    source = _source(world)
    incident = Incident.objects.create(
        unit=world.unit1,
        source=source,
        kind="lost",
        grade=4,
        occurred_at=timezone.now(),
        place="永济市",
        source_code=source.code,
    )
    return {"pk": incident.pk}


ENTRIES: dict[str, Entry] = {
    "inventory:movement-list": Entry(VIEWERS),
    "inventory:movement-export": Entry(VIEWERS),
    "inventory:source-checkout": Entry(KEEPERS, kwargs=unit1_source, scope=UNIT1_SCOPE),
    "inventory:source-return": Entry(KEEPERS, kwargs=unit1_source, scope=UNIT1_SCOPE),
    "inventory:source-status": Entry(KEEPERS, kwargs=unit1_source, scope=UNIT1_SCOPE),
    "inventory:count-create": Entry(COUNTERS, kwargs=unit1_site, scope=UNIT1_SCOPE),
    "inventory:unit-reconciliation": Entry(VIEWERS, kwargs=unit1, scope=UNIT1_SCOPE),
    "inventory:site-reconciliation": Entry(VIEWERS, kwargs=unit1_site, scope=UNIT1_SCOPE),
    "inventory:offsite-list": Entry(VIEWERS),
    "inventory:offsite-create": Entry(KEEPERS),
    "inventory:offsite-edit": Entry(KEEPERS, kwargs=unit1_offsite, scope=UNIT1_SCOPE),
    "inventory:transfer-list": Entry(VIEWERS),
    "inventory:transfer-create": Entry(KEEPERS),
    "inventory:incident-list": Entry(VIEWERS),
    "inventory:incident-detail": Entry(VIEWERS, kwargs=unit1_incident, scope=UNIT1_SCOPE),
    "inventory:incident-close": Entry(STAFF, kwargs=unit1_incident, scope=UNIT1_SCOPE),
    "api:movement-list": Entry(VIEWERS, api=True),
    "api:movement-detail": Entry(VIEWERS, kwargs=unit1_movement, scope=UNIT1_SCOPE, api=True),
    "api:offsite-use-list": Entry(VIEWERS, api=True),
    "api:offsite-use-detail": Entry(VIEWERS, kwargs=unit1_offsite, scope=UNIT1_SCOPE, api=True),
    "api:transfer-list": Entry(VIEWERS, api=True),
    "api:transfer-detail": Entry(VIEWERS, kwargs=unit1_transfer, scope=UNIT1_SCOPE, api=True),
    "api:incident-list": Entry(VIEWERS, api=True),
    "api:incident-detail": Entry(VIEWERS, kwargs=unit1_incident, scope=UNIT1_SCOPE, api=True),
    "api:incident-close": Entry(
        STAFF, kwargs=unit1_incident, scope=UNIT1_SCOPE, api=True, method="post", ok=(400,)
    ),
}
