"""End-to-end suites: a real Odoo server (subprocess) serving a copy of the
test database, driven over HTTP/JSON-RPC (and a browser where needed).

`make test` prepares the copy and exports PM_E2E_DB and PM_ODOO_CONF.
"""

import os
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
        except requests.ConnectionError:
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
