"""`make run` starts `python -m radsafe devserver`: the development server and a background worker
side by side (both autoreloading, as with RADSAFE_DEBUG=1); Ctrl-C stops both, children included,
and so does either one ending. Against the browser tests' database, on a port of its own."""

import os
import re
import signal
import subprocess
import sys
import time
import urllib.request

import pytest

from .conftest import _free_port

pytestmark = pytest.mark.e2e


def gone(pid: int) -> bool:
    try:
        os.killpg(pid, 0)  # each child leads a process group of its own
    except ProcessLookupError:
        return True
    return False


def wait_for(check, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = check()
        if result:
            return result
        time.sleep(0.2)
    raise AssertionError(f"{what} within {timeout} s")


def test_ctrl_c_stops_the_server_and_the_worker(e2e_stack, tmp_path):
    port = _free_port()
    log_path = tmp_path / "devserver.log"
    with open(log_path, "wb") as log:
        launcher = subprocess.Popen(
            [sys.executable, "-m", "radsafe", "devserver", f"127.0.0.1:{port}"],
            env={**e2e_stack.env, "RADSAFE_DEBUG": "1"},
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:

        def pids():
            found = dict(re.findall(r"(runserver|worker) pid=(\d+)", log_path.read_text()))
            return found if len(found) == 2 else None

        children = {name: int(pid) for name, pid in wait_for(pids, 30, "no pids").items()}

        def answers():
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/accounts/login/", timeout=2)
            except OSError:
                return False
            return True

        wait_for(answers, 60, "the server did not answer")
        wait_for(lambda: "Starting worker" in log_path.read_text(), 30, "no worker started")
        assert not any(gone(pid) for pid in children.values())

        launcher.send_signal(signal.SIGINT)  # what Ctrl-C sends
        assert launcher.wait(timeout=30) == 0
        wait_for(lambda: all(gone(pid) for pid in children.values()), 10, "a child survived")
    finally:
        if launcher.poll() is None:
            launcher.kill()
            launcher.wait()


def test_either_one_ending_stops_the_other(e2e_stack, tmp_path):
    port = _free_port()
    log_path = tmp_path / "devserver.log"
    with open(log_path, "wb") as log:
        launcher = subprocess.Popen(
            [sys.executable, "-m", "radsafe", "devserver", f"127.0.0.1:{port}"],
            env={**e2e_stack.env, "RADSAFE_DEBUG": "0"},
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:

        def worker_pid():
            found = re.search(r"worker pid=(\d+)", log_path.read_text())
            return int(found.group(1)) if found else None

        worker = wait_for(worker_pid, 30, "no worker pid")
        wait_for(lambda: "Starting worker" in log_path.read_text(), 30, "no worker started")
        os.killpg(worker, signal.SIGKILL)  # the worker dies
        assert launcher.wait(timeout=30) == 1
        server = int(re.search(r"runserver pid=(\d+)", log_path.read_text()).group(1))
        wait_for(lambda: gone(server), 10, "the server survived its worker")
        assert "worker stopped" in log_path.read_text()
    finally:
        if launcher.poll() is None:
            launcher.kill()
            launcher.wait()
