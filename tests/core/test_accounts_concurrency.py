"""Two security administrators create the same username at the same moment: exactly one account
is created, and the other gets the pre-check's message, not an IntegrityError.

Each thread has its own connection and transaction; both may pass the pre-check, and the
database's unique index stops the second INSERT. PostgreSQL only, as the other race tests
(tests/inventory/test_register_concurrency.py): SQLite's in-memory test database cannot be shared
between threads."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from radsafe.core.account_services import account_create
from radsafe.core.choices import Role
from radsafe.core.models import AuditEvent, User

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs a database shared between threads (PostgreSQL)",
    ),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_two_simultaneous_creates_of_one_username_exactly_one_succeeds(world):
    secadmin = world.users["secadmin"]
    start = threading.Barrier(2)
    outcomes: list[str] = []
    guard = threading.Lock()

    def create(full_name: str) -> None:
        try:
            start.wait(timeout=10)
            account_create(
                actor=secadmin,
                username="twin",
                full_name=full_name,
                role=Role.INSPECTOR,
                jurisdiction=world.squad1,
            )
            outcome = "ok"
        except ValidationError as error:
            outcome = " ".join(error.messages)
        finally:
            connection.close()
        with guard:
            outcomes.append(outcome)

    threads = [threading.Thread(target=create, args=(name,)) for name in ("李四", "王五")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(outcomes) == sorted(["ok", "用户名“twin”已被使用，请换一个。"])
    assert User.objects.filter(username="twin").count() == 1
    assert AuditEvent.objects.filter(action="account.create").count() == 1
