"""The stored projection (status, site, checked out) always equals the replay of the source's
events, whatever sequence of check-outs, returns, status changes and transfers is tried — refused
ones included, which must change nothing."""

import datetime
from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from radsafe.inventory.models import Movement, Source
from radsafe.inventory.services.register import movements as register
from radsafe.inventory.services.register import transfers
from radsafe.inventory.services.register.movements import Projection, project
from tests.factories import LicenceFactory, StorageSiteFactory

from .test_register_services import held_source

pytestmark = pytest.mark.django_db

STATUSES = [
    "in_use",
    "stored",
    "idle",
    "disused",
    "sent_for_storage",
    "returned",
    "lost",
    "stolen",
    "out_of_control",
]
OPERATIONS = st.lists(
    st.one_of(
        st.just(("check_out", None)),
        st.just(("return", None)),
        st.tuples(st.just("status"), st.sampled_from(STATUSES)),
        st.just(("transfer", None)),
    ),
    max_size=12,
)


def event(kind, to_status="", site_id=None):
    return SimpleNamespace(kind=kind, to_status=to_status, site_id=site_id)


def test_project_replays_a_known_history():
    events = [
        event("arrival", "stored", 7),
        event("check_out", site_id=7),
        event("return", site_id=8),
        event("status_change", "idle"),
        event("check_out", site_id=8),
    ]
    assert project(events) == Projection("idle", 8, True)
    assert project(events[:3]) == Projection("stored", 8, False)
    assert project([*events, event("transfer_out", "transferred")]) == (
        Projection("transferred", None, False)
    )
    assert project([event("arrival", "in_use", None), event("status_change", "returned")]) == (
        Projection("returned", None, False)
    )
    assert project([]) == Projection(None, None, False)


@pytest.fixture
def licensed(world):
    for unit in (world.unit1, world.unit2):
        LicenceFactory(
            unit=unit,
            source_categories="12345",
            issued_on=datetime.date(2000, 1, 1),
            expires_on=datetime.date(2099, 1, 1),
        )
    return world


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(operations=OPERATIONS)
def test_stored_projection_equals_the_replay(licensed, operations):
    world = licensed
    start = timezone.localdate() - datetime.timedelta(days=60)
    source = held_source(
        world.unit1,
        site=StorageSiteFactory(unit=world.unit1),
        arrived=_noon(start - datetime.timedelta(days=1)),
    )
    for day, (operation, argument) in enumerate(operations):
        moment = _noon(start + datetime.timedelta(days=day))
        before = Source.objects.filter(pk=source.pk).values().get()
        events_before = Movement.objects.count()
        try:
            _apply(world, source, operation, argument, moment)
        except ValidationError:
            assert Source.objects.filter(pk=source.pk).values().get() == before
            assert Movement.objects.count() == events_before
        source.refresh_from_db()
        history = Movement.objects.filter(source=source).order_by("occurred_at", "id")
        assert register.stored_projection(source) == project(history)


def _noon(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))


def _apply(world, source, operation, argument, moment):
    common = {"actor": None, "source": source, "occurred_at": moment, "person": "张三"}
    if operation == "check_out":
        register.source_check_out(**common, destination="工地")
    elif operation == "return":
        register.source_return(**common)
    elif operation == "status":
        register.source_change_status(**common, to_status=argument, place="工地")
    else:
        to_unit = world.unit2 if source.unit_id == world.unit1.pk else world.unit1
        transfers.transfer_create(
            actor=None,
            source=source,
            to_unit=to_unit,
            approval_number="晋环转[2025]1号",
            transferred_on=moment.date(),
        )
