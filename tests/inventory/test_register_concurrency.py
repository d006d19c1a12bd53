"""Two people check out the same source at the same moment: exactly one succeeds.

Each thread has its own database connection and its own transaction; the service locks the
source row (SELECT … FOR UPDATE), so the second waits for the first to commit and then sees the
source already out. Runs on PostgreSQL only: SQLite's in-memory test database cannot be shared
between threads, and the append-only audit table refuses the flush SQLite ends with (CI runs the
suite on PostgreSQL as well)."""

import pytest
from django.db import connection

from radsafe.inventory.choices import MovementKind
from radsafe.inventory.models import Movement, Source
from radsafe.inventory.services.register import movements as register
from tests.races import race

from .test_register_services import ago, held_source

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs row locks and a database shared between threads (PostgreSQL)",
    ),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_two_simultaneous_check_outs_exactly_one_succeeds(world):
    source = held_source(world.unit1)

    def check_out(person: str):
        def write(go):
            # Each thread reads the row before the race, as two open forms would have.
            stale = Source.objects.get(pk=source.pk)
            go()
            register.source_check_out(
                actor=None, source=stale, occurred_at=ago(minutes=5), person=person
            )

        return write

    outcomes = race(check_out("李四"), check_out("王五"))
    assert sorted(outcomes) == sorted(["ok", "该放射源已出库，尚未归还。"])
    assert Movement.objects.filter(source=source, kind=MovementKind.CHECK_OUT).count() == 1
    source.refresh_from_db()
    assert source.is_checked_out
