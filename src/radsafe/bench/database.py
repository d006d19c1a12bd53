"""A throw-away database for the bench, made the way Django's test runner makes one, so the bench
can never write into the real database."""

from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.db import connections


@contextmanager
def throwaway_database(alias: str = "default"):
    """SQLite: a file (not memory, so the numbers include real I/O) beside the real database.
    PostgreSQL: `test_<name>_bench`, so a bench never clobbers a test run's `test_<name>`."""
    connection = connections[alias]
    old_name = connection.settings_dict["NAME"]
    test_settings = connection.settings_dict.setdefault("TEST", {})
    if connection.vendor == "sqlite":
        Path(settings.DATA_DIR).mkdir(parents=True, exist_ok=True)
        test_settings["NAME"] = str(Path(settings.DATA_DIR) / "bench.sqlite3")
    else:
        test_settings["NAME"] = f"test_{old_name}_bench"
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        yield connection.settings_dict["NAME"]
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
