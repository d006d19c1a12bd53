"""Browser tests against a real server: `python -m radsafe runserver` in a subprocess on its own
database (a fresh SQLite file, or a fresh PostgreSQL database when DATABASE_URL is set), loaded
with the demo county, driven by Playwright in Debian's headless Chromium.

A subprocess rather than pytest-django's live_server: the audit table refuses DELETE, so the
flush that live_server's transactional tests end with cannot run on it — and a separate process is
closer to production anyway."""

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

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


@pytest.fixture(scope="session")
def e2e_server(tmp_path_factory, worker_id):
    data_dir = tmp_path_factory.mktemp("e2e-data")
    env = {
        **os.environ,
        "RADSAFE_DATA_DIR": str(data_dir),
        "RADSAFE_DEBUG": "0",
        "PYTHONUNBUFFERED": "1",
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
    yield base_url
    server.terminate()
    server.wait(timeout=20)
    log.close()
    if pg_url:
        _postgres_database(pg_url, db_name, create=False)


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
