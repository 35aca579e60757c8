"""End-to-end suites: a real Odoo server (subprocess) serving a copy of the
test database, driven over HTTP/JSON-RPC (and a browser where needed).

`make test` prepares the copy and exports PM_E2E_DB and PM_ODOO_CONF.
"""

import os
import resource
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

ARTIFACTS = Path(__file__).parent / "artifacts"


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def odoo_server():
    db, conf = os.environ.get("PM_E2E_DB"), os.environ.get("PM_ODOO_CONF")
    if not (db and conf):
        pytest.fail("End-to-end tests need PM_E2E_DB and PM_ODOO_CONF: run them with `make test`.")
    port = _free_port()
    ARTIFACTS.mkdir(exist_ok=True)
    log = open(ARTIFACTS / "odoo-server.log", "wb")  # noqa: SIM115 (closed at teardown)
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "odoo",
            "-c",
            conf,
            "-d",
            db,
            f"--db-filter=^{db}$",
            f"--http-port={port}",
            "--http-interface=127.0.0.1",
            "--max-cron-threads=0",
            "--workers=0",
            "--log-level=warn",
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while True:
        try:
            if requests.get(f"{url}/web/login", timeout=5).status_code == 200:
                break
        except (requests.ConnectionError, requests.Timeout):
            # a loaded machine may take longer than one attempt's timeout
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            pytest.fail(f"Odoo did not start; see {ARTIFACTS / 'odoo-server.log'}")
        time.sleep(0.5)
    yield {"url": url, "db": db}
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
    log.close()


class RpcError(Exception):
    def __init__(self, error):
        super().__init__(error.get("data", {}).get("message") or error.get("message"))
        self.error = error
        self.name = error.get("data", {}).get("name", "")


class Client:
    """A logged-in web session speaking Odoo's JSON-RPC."""

    def __init__(self, server, login, password=None):
        self.url = server["url"]
        self.session = requests.Session()
        result = self.jsonrpc(
            "/web/session/authenticate",
            {"db": server["db"], "login": login, "password": password or login},
        )
        self.uid = result["uid"]
        self.context = result["user_context"]

    def jsonrpc(self, path, params):
        response = self.session.post(
            self.url + path,
            json={"jsonrpc": "2.0", "method": "call", "id": 1, "params": params},
            timeout=60,
        )
        response.raise_for_status()
        payload = response.json()
        if "error" in payload:
            raise RpcError(payload["error"])
        return payload["result"]

    def call(self, model, method, *args, **kwargs):
        kwargs.setdefault("context", self.context)
        return self.jsonrpc(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": list(args), "kwargs": kwargs},
        )

    def get(self, path, **kwargs):
        return self.session.get(self.url + path, timeout=60, **kwargs)


@pytest.fixture(scope="session")
def login(odoo_server):
    clients = {}

    def _login(name, password=None):
        if name not in clients:
            clients[name] = Client(odoo_server, name, password)
        return clients[name]

    return _login


@pytest.fixture(scope="session")
def browser():
    """Debian's headless Chromium, driven by Playwright (no downloaded browser)."""
    from playwright.sync_api import sync_playwright

    executable = os.environ.get("PM_CHROMIUM", "/usr/bin/chromium")
    if not os.path.exists(executable):
        pytest.fail(f"Chromium not found at {executable}: run `make setup` (apt chromium).")
    # pytest-odoo's in-process server caps the address space (limit_memory_hard)
    # and Chromium would inherit the cap and crash: Odoo's own browser tests
    # lift it the same way for the browser they start.
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    resource.setrlimit(resource.RLIMIT_AS, (hard, hard))
    try:
        manager = sync_playwright()
        playwright = manager.start()
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))
    try:
        browser = playwright.chromium.launch(
            executable_path=executable,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()
    finally:
        manager.__exit__(None, None, None)


@pytest.fixture
def page_factory(browser, odoo_server):
    """Browser pages logged in as a given user, on a desktop or a phone screen;
    screenshots go to tests/artifacts/screenshots."""
    contexts = []
    shots = ARTIFACTS / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)

    def _page(login, phone=False, lang=None):
        viewport = {"width": 390, "height": 844} if phone else {"width": 1366, "height": 900}
        # the users' phones and desks are in China: Odoo takes the browser's
        # time zone for a user's first login
        context = browser.new_context(
            viewport=viewport,
            is_mobile=phone,
            locale=lang or "zh-CN",
            timezone_id="Asia/Shanghai",
        )
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(30000)
        page.goto(f"{odoo_server['url']}/web/login")
        page.fill("input[name=login]", login)
        page.fill("input[name=password]", login)
        page.click("button[type=submit]")
        page.wait_for_load_state("load")
        if lang:
            page.context.add_cookies(
                [
                    {
                        "name": "frontend_lang",
                        "value": lang.replace("-", "_"),
                        "url": odoo_server["url"],
                    }
                ]
            )

        def shot(name):
            page.screenshot(path=str(shots / f"{name}.png"), full_page=True)

        page.shot = shot
        page.url_of = lambda path: f"{odoo_server['url']}{path}"
        return page

    yield _page
    for context in contexts:
        context.close()
