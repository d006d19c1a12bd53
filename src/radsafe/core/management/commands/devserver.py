"""`python -m radsafe devserver [addr:port]`: Django's development server and a background worker
(`db_worker`, django-tasks-db) side by side, as `make run` starts them. Ctrl-C or SIGTERM stops
both, and either one ending stops the other, so no worker outlives the demo.

Each runs in its own process group and is stopped by group: with autoreload on, each is a parent
that restarts a child, and the child must stop too. The worker is asked first to finish its task;
if it is still running after GRACE_SECONDS it is asked again, which ends the task (its
transaction rolls back, the job is shown failed and may be run again), and after KILL_SECONDS
more it is killed. Production runs the web server and the worker as two services (README)."""

import contextlib
import os
import signal
import subprocess
import sys
import time

from django.core.management.base import BaseCommand

GRACE_SECONDS = 10.0
KILL_SECONDS = 5.0
POLL_SECONDS = 0.2


class Command(BaseCommand):
    help = "Run the development server and a background worker; Ctrl-C stops both."
    requires_system_checks = []  # each child runs its own

    def add_arguments(self, parser):
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")

    def handle(self, *args, addrport: str, **options):
        python = [sys.executable, "-m", "radsafe"]
        commands = {
            "runserver": [*python, "runserver", addrport],
            "worker": [*python, "db_worker", "--queue-name", "*", "--no-startup-delay"],
        }
        self.stopping = False
        for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
            signal.signal(signum, self._on_signal)
        children = {}
        for name, command in commands.items():
            children[name] = subprocess.Popen(command, start_new_session=True)
            self.stdout.write(f"{name} pid={children[name].pid}", ending="\n")
        self.stdout.flush()
        ended = None
        while not self.stopping and ended is None:
            ended = next((n for n, child in children.items() if child.poll() is not None), None)
            time.sleep(POLL_SECONDS)
        if ended is not None:
            self.stderr.write(f"{ended} stopped (exit {children[ended].returncode}): stopping all")
        self._stop(children)
        if ended is not None:
            sys.exit(1)

    def _on_signal(self, signum, frame):
        self.stopping = True

    def _stop(self, children: dict[str, subprocess.Popen]) -> None:
        deadline = time.monotonic()
        for escalation, wait in (
            (signal.SIGTERM, GRACE_SECONDS),  # finish the running task, then exit
            (signal.SIGTERM, KILL_SECONDS),  # a second request ends the task itself
            (signal.SIGKILL, 0.0),
        ):
            running = [child for child in children.values() if child.poll() is None]
            if not running:
                return
            for child in running:
                _signal_group(child, escalation)
            deadline = time.monotonic() + wait
            while time.monotonic() < deadline and any(c.poll() is None for c in running):
                time.sleep(POLL_SECONDS)
        for child in children.values():
            child.wait()


def _signal_group(child: subprocess.Popen, signum: int) -> None:
    with contextlib.suppress(ProcessLookupError):  # the whole group has ended already
        os.killpg(child.pid, signum)  # start_new_session: the group's id is the child's pid
