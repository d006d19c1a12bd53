"""Browser tests against a real server: `python -m radsafe runserver` in a subprocess on its own
database (a fresh SQLite file, or a fresh PostgreSQL database when DATABASE_URL is set), loaded
with the demo county, driven by Playwright in Debian's headless Chromium. Beside it runs a real
background worker (`db_worker`, the database queue) with the same environment, as in production;
`e2e_stack` lets a test kill it and start another.

A subprocess rather than pytest-django's live_server: the audit table refuses DELETE, so the
flush that live_server's transactional tests end with cannot run on it — and a separate process is
closer to production anyway."""

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

import radsafe

DEMO_PASSWORD = "RadSafe-demo-2024"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _postgres_database(url: str, name: str, *, create: bool) -> str:
    import psycopg

    parts = urlsplit(url)
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        if create:
            conn.execute(f'CREATE DATABASE "{name}"')
    return urlunsplit(parts._replace(path=f"/{name}"))


@dataclass
class E2EStack:
    """The server's address and environment, and its background worker."""

    base_url: str
    env: dict
    data_dir: Path
    worker: subprocess.Popen | None = None
    logs: list = field(default_factory=list)

    def manage(self, *args: str, timeout: float = 300) -> subprocess.CompletedProcess:
        """`python -m radsafe <args>` against the server's database."""
        return subprocess.run(
            [sys.executable, "-m", "radsafe", *args],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=timeout,
        )

    def start_worker(self) -> subprocess.Popen:
        assert self.worker is None or self.worker.poll() is not None, "a worker is running"
        log = open(self.data_dir / f"worker-{len(self.logs)}.log", "wb")  # noqa: SIM115
        self.logs.append(log)
        self.worker = subprocess.Popen(
            [
                *(sys.executable, "-m", "radsafe", "db_worker", "--no-reload"),
                *("--interval", "0.5", "--no-startup-delay", "--queue-name", "*"),
            ],
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        return self.worker

    def kill_worker(self) -> None:
        """As a machine losing power would: no chance to clean up."""
        self.worker.send_signal(signal.SIGKILL)
        self.worker.wait(timeout=20)

    def stop_worker(self) -> None:
        if self.worker is not None and self.worker.poll() is None:
            self.worker.terminate()
            try:
                self.worker.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.kill_worker()
        for log in self.logs:
            log.close()


def _source_dir() -> str:
    """The `src` of the radsafe under test: subprocesses must run this checkout's code, not an
    installed copy's."""
    return str(Path(radsafe.__file__).resolve().parent.parent)


@pytest.fixture(scope="session")
def e2e_stack(tmp_path_factory, worker_id):
    data_dir = tmp_path_factory.mktemp("e2e-data")
    env = {
        **os.environ,
        "RADSAFE_DATA_DIR": str(data_dir),
        "RADSAFE_DEBUG": "0",
        "PYTHONUNBUFFERED": "1",
        "PYTHONPATH": os.pathsep.join(filter(None, [_source_dir(), os.environ.get("PYTHONPATH")])),
        "RADSAFE_TASKS_BACKEND": "database",  # a real queue and worker, whatever runs the tests
        "RADSAFE_JOB_STALE_SECONDS": "10",  # a killed job is shown failed within 10 s
    }
    env.pop("RADSAFE_SQLITE_PATH", None)
    pg_url = os.environ.get("DATABASE_URL")
    db_name = f"radsafe_e2e_{worker_id}"
    if pg_url:
        env["DATABASE_URL"] = _postgres_database(pg_url, db_name, create=True)
    python = sys.executable
    for args in (["migrate", "--noinput", "-v0"], ["demo"]):
        subprocess.run(
            [python, "-m", "radsafe", *args], env=env, check=True, capture_output=True, timeout=300
        )
    port = _free_port()
    log = open(data_dir / "server.log", "wb")  # noqa: SIM115 (closed at teardown)
    server = subprocess.Popen(
        [python, "-m", "radsafe", "runserver", "--noreload", f"127.0.0.1:{port}"],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base_url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(f"{base_url}/accounts/login/", timeout=2)
            break
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                log.close()
                raise RuntimeError((data_dir / "server.log").read_text()) from None
            time.sleep(0.3)
    stack = E2EStack(base_url=base_url, env=env, data_dir=data_dir)
    stack.start_worker()
    yield stack
    stack.stop_worker()
    server.terminate()
    server.wait(timeout=20)
    log.close()
    if pg_url:
        _postgres_database(pg_url, db_name, create=False)


@pytest.fixture(scope="session")
def e2e_server(e2e_stack):
    return e2e_stack.base_url


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    executable = shutil.which("chromium")
    if executable is None:
        pytest.fail("Debian's chromium is required for browser tests: apt-get install chromium")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, e2e_server, tmp_path):
    context = browser.new_context(
        base_url=e2e_server,
        locale="zh-CN",
        viewport={"width": 1280, "height": 900},
        accept_downloads=True,
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    external = []
    page.on(
        "request",
        lambda request: (
            external.append(request.url) if not request.url.startswith(e2e_server) else None
        ),
    )
    yield page
    context.close()
    assert not external, f"pages requested outside URLs: {external}"


@pytest.fixture
def login(page):
    def do_login(username: str, password: str = DEMO_PASSWORD):
        page.goto("/accounts/login/")
        page.fill("#id_username", username)
        page.fill("#id_password", password)
        page.click("button[type=submit]")
        page.wait_for_load_state()
        return page

    return do_login


def screenshot_dir() -> Path:
    path = Path(os.environ.get("RADSAFE_SCREENSHOTS", "test-results"))
    path.mkdir(parents=True, exist_ok=True)
    return path
