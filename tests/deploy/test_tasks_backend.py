"""Which task backend a process gets (README, RADSAFE_TASKS_BACKEND): the database queue, unless
pytest runs the process (the immediate backend) or the variable says otherwise. In subprocesses:
settings are read once per process."""

import os
import subprocess
import sys
from pathlib import Path

import radsafe

SHOW = "from django.conf import settings; print(settings.TASKS['default']['BACKEND'])"


def run_shell(**env: str) -> subprocess.CompletedProcess:
    source = str(Path(radsafe.__file__).resolve().parent.parent)
    inherited = {k: v for k, v in os.environ.items() if k != "RADSAFE_TASKS_BACKEND"}
    return subprocess.run(
        [sys.executable, "-m", "radsafe", "shell", "--no-imports", "-c", SHOW],
        env={**inherited, "PYTHONPATH": source, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_a_server_or_worker_uses_the_database_queue():
    with_default = run_shell()
    assert with_default.stdout.strip() == "django_tasks_db.DatabaseBackend", with_default.stderr


def test_the_variable_chooses():
    result = run_shell(RADSAFE_TASKS_BACKEND="immediate")
    assert result.stdout.strip() == "django_tasks.backends.immediate.ImmediateBackend"


def test_an_unknown_backend_is_refused():
    result = run_shell(RADSAFE_TASKS_BACKEND="redis")
    assert result.returncode != 0 and "RADSAFE_TASKS_BACKEND must be one of" in result.stderr
