"""Text the services write into records is Chinese whatever the writer's UI language: registers
are Chinese documents, and the same act must not be recorded differently by an English reader."""

import datetime

import pytest
from django.utils import translation

from radsafe.inventory.choices import MovementKind
from radsafe.inventory.models import Movement
from radsafe.inventory.services.assets import source_create
from tests.factories import StorageSiteFactory

from .test_imports_movements import commit as import_movements
from .test_imports_movements import held, line  # noqa: F401 (held is a fixture)
from .test_register_services import held_source
from .test_register_transfers import licence, transfer

pytestmark = pytest.mark.django_db


def test_an_english_actors_transfer_stores_the_same_note_as_a_chinese_ones(world):
    licence(world.unit2, "345")
    actor = world.users["unit1"]
    with translation.override("zh-hans"):
        transfer(
            held_source(world.unit1), world.unit2, actor=actor, approval_number="晋环转[2025]8号"
        )
    with translation.override("en"):
        transfer(
            held_source(world.unit1), world.unit2, actor=actor, approval_number="晋环转[2025]9号"
        )
    notes = list(
        Movement.objects.filter(kind=MovementKind.TRANSFER_OUT)
        .order_by("id")
        .values_list("note", flat=True)
    )
    assert notes == ["转让审批文号：晋环转[2025]8号", "转让审批文号：晋环转[2025]9号"]
    arrivals = Movement.objects.filter(kind=MovementKind.TRANSFER_IN).order_by("id")
    assert list(arrivals.values_list("note", flat=True)) == notes


def test_an_event_without_a_signed_in_actor_is_by_the_system_in_chinese(world):
    licence(world.unit2, "345")
    with translation.override("en"):
        transfer(held_source(world.unit1), world.unit2, actor=None)
        source_create(
            actor=None,
            unit=world.unit1,
            code="0118CS000014",
            nuclide="Cs-137",
            activity_bq=3.7e10,
            reference_date=datetime.date(2018, 3, 1),
            site=StorageSiteFactory(unit=world.unit1),
        )
    written = Movement.objects.exclude(person="张三")  # held_source's arrival names its person
    assert sorted(written.values_list("kind", "person")) == [
        ("arrival", "系统"),
        ("transfer_in", "系统"),
        ("transfer_out", "系统"),
    ]


def test_an_imported_destination_note_is_chinese_in_english(world, held):  # noqa: F811
    rows = [line(held[0], "送贮", "2024-03-03 10:00", 去向="山西省城市放射性废物库")]
    with translation.override("en"):
        import_movements(rows, world.users["unit1"])
    stored = Movement.objects.get(source=held[0], kind=MovementKind.SENT_FOR_STORAGE)
    assert stored.note == "（去向：山西省城市放射性废物库）"
