"""Two security administrators create the same username at the same moment: exactly one account
is created, and the other gets the pre-check's message, not an IntegrityError.

Each thread has its own connection and transaction; both may pass the pre-check, and the
database's unique index stops the second INSERT. PostgreSQL only, as the other race tests
(tests/inventory/test_register_concurrency.py): SQLite's in-memory test database cannot be shared
between threads."""

import pytest
from django.db import connection

from radsafe.core.account_services import account_create
from radsafe.core.choices import Role
from radsafe.core.models import AuditEvent, User
from tests.races import race

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs a database shared between threads (PostgreSQL)",
    ),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_two_simultaneous_creates_of_one_username_exactly_one_succeeds(world):
    secadmin = world.users["secadmin"]

    def create(full_name: str):
        def write(go):
            go()
            account_create(
                actor=secadmin,
                username="twin",
                full_name=full_name,
                role=Role.INSPECTOR,
                jurisdiction=world.squad1,
            )

        return write

    outcomes = race(create("李四"), create("王五"))
    assert sorted(outcomes) == sorted(["ok", "用户名“twin”已被使用，请换一个。"])
    assert User.objects.filter(username="twin").count() == 1
    assert AuditEvent.objects.filter(action="account.create").count() == 1
