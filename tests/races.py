"""Writers racing on PostgreSQL: the harness the race tests share.

Each write runs in its own thread, so with its own connection and transaction, and calls `go()`
once it has read what it needs (as an open form has), so the writes start together; the harness
collects what each write returned ("ok" for None) or the messages of the ValidationError it
raised, and closes each thread's connection."""

import threading
from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import connection

Write = Callable[[Callable[[], None]], Any]


def race(*writes: Write, timeout: float = 30) -> list[Any]:
    start = threading.Barrier(len(writes))
    outcomes: list[Any] = []
    guard = threading.Lock()

    def run(write: Write) -> None:
        try:
            result = write(lambda: start.wait(timeout=10))
            outcome = "ok" if result is None else result
        except ValidationError as error:
            outcome = " ".join(error.messages)
        finally:
            connection.close()
        with guard:
            outcomes.append(outcome)

    threads = [threading.Thread(target=run, args=(write,)) for write in writes]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=timeout)
    return outcomes
