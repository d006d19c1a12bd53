"""Sources and devices carry a copy of their unit's scope path (CopiedScopeQuerySet): it must
follow the unit when the unit moves squad and the source when it is transferred."""

import datetime

import pytest

from radsafe.inventory.models import RayDevice, Source
from radsafe.inventory.services.register.transfers import transfer_create
from radsafe.registry.services import unit_update
from tests.factories import LicenceFactory, RayDeviceFactory, SourceFactory

pytestmark = pytest.mark.django_db


def visible(model, user) -> set[int]:
    return set(model.objects.for_user(user).values_list("pk", flat=True))


def test_moving_a_unit_to_another_squad_moves_its_inventory(world):
    source = SourceFactory(unit=world.unit1)
    device = RayDeviceFactory(unit=world.unit1)
    inspector1, inspector2 = world.users["inspector1"], world.users["inspector2"]
    assert source.pk in visible(Source, inspector1) and device.pk in visible(RayDevice, inspector1)
    unit_update(
        unit=world.unit1,
        actor=world.users["bureau"],
        expected_version=world.unit1.version,
        squad=world.squad2,
    )
    assert source.pk not in visible(Source, inspector1)
    assert device.pk not in visible(RayDevice, inspector1)
    assert source.pk in visible(Source, inspector2) and device.pk in visible(RayDevice, inspector2)


def test_a_transferred_source_moves_to_the_receivers_scope(world):
    LicenceFactory(unit=world.unit2, source_categories="345")
    source = SourceFactory(unit=world.unit1, activity_bq=3.7e9)  # Cs-137, category Ⅳ
    transfer_create(
        actor=world.users["bureau"],
        source=source,
        to_unit=world.unit2,
        approval_number="晋环辐审〔2026〕1号",
        transferred_on=datetime.date.today(),
    )
    source.refresh_from_db()
    assert source.scope_path == world.unit2.scope_path
    assert source.pk in visible(Source, world.users["unit2"])
    assert source.pk not in visible(Source, world.users["unit1"])
