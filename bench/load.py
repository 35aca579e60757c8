#!/usr/bin/env python3
"""Multi-worker load: `make bench-load` (not part of `make test`).

Serves the load database with ``--workers=4 --max-cron-threads=2`` and, for a
bounded time, runs concurrent clients over loopback only:

- owners report a problem with a photo on the portal, then read their jobs;
- assistants register hotline calls (JSON-RPC, as the web client does);
- technicians grab jobs from the pool (several at once on the same job) and
  check in;
- a manager reads the job analysis grouped by month and category;

while the escalation cron runs every minute. Half-way, one HTTP worker is
killed (SIGKILL); the master starts another. Afterwards it checks, in the
database: every job a client was told about exists exactly once with its time
limits, no pool job has two winners, every escalation level was made exactly
once. It prints requests, errors and p50/p95 per action, and writes them to
``.build/load-results.json``.

    bench/load.py -c .build/odoo.conf -d pm_aftersales_load [--duration 120]
"""

import argparse
import json
import os
import random
import re
import signal
import socket
import statistics
import struct
import subprocess
import sys
import threading
import time
import uuid
import zlib
from collections import defaultdict
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "load-bench-password"


# ----------------------------------------------------------------------
# Preparation (in-process, committed): users, a pool crew, a fast cron
# ----------------------------------------------------------------------
def prepare(config, dbname, owners, assistants, technicians):
    import odoo
    from odoo.fields import Command
    from odoo.modules.registry import Registry
    from odoo.tools import config as odoo_config

    odoo_config.parse_config(["-c", config, "--log-level=warn"])
    registry = Registry(dbname)
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        Users = env["res.users"].with_context(no_reset_password=True)

        def user(login, groups, **vals):
            found = Users.search([("login", "=", login)])
            if found:
                return found
            return Users.create(
                dict(
                    {
                        "login": login,
                        "name": login,
                        "password": PASSWORD,
                        "group_ids": [Command.set([env.ref(g).id for g in groups])],
                        "tz": "Asia/Shanghai",
                    },
                    **vals,
                )
            )

        occupants = env["pm.unit.occupant"].search(
            [("role", "=", "owner"), ("partner_id.user_ids", "=", False)], limit=owners * 3
        )
        partners = occupants.partner_id[:owners]
        if len(partners) < owners:
            raise SystemExit("The load database has too few owners: build it with demo data.")
        owner_logins = []
        for i, partner in enumerate(partners):
            login = f"load_owner_{i}"
            user(login, ["pm_aftersales.group_pm_owner"], partner_id=partner.id, name=partner.name)
            owner_logins.append(login)
        assistant_logins = [f"load_assistant_{i}" for i in range(assistants)]
        for login in assistant_logins:
            user(login, ["pm_aftersales.group_pm_cs_assistant"])
        tech_logins = [f"load_tech_{i}" for i in range(technicians)]
        techs = env["res.users"]
        for login in tech_logins:
            techs |= user(login, ["pm_aftersales.group_pm_technician"])
        # Every new job goes to one crew's pool, which the technicians grab.
        crew = env["helpdesk.ticket.team"].search([("trade_ids", "!=", False)], limit=1)
        crew.write({"dispatch_mode": "pool", "user_ids": [Command.link(u.id) for u in techs]})
        env["helpdesk.ticket.team"].search([("id", "!=", crew.id)]).dispatch_mode = "pool"
        cron = env.ref("pm_aftersales.ir_cron_escalate_milestones")
        cron.write({"interval_number": 1, "interval_type": "minutes", "active": True})
        categories = env["helpdesk.ticket.category"].search([("trade_id", "!=", False)])
        phones = occupants.partner_id.filtered("phone").mapped("phone")
        cr.commit()
        return {
            "owners": owner_logins,
            "assistants": assistant_logins,
            "technicians": tech_logins,
            "manager": "manager",
            "categories": categories.ids,
            "phones": phones or ["13800138000"],
        }


# ----------------------------------------------------------------------
# The server
# ----------------------------------------------------------------------
def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(config, dbname, port, log_path):
    log = open(log_path, "wb")  # noqa: SIM115 (closed with the process)
    # The console script, not `python -m odoo`: the prefork server starts its
    # websocket (gevent) process again from sys.argv[0].
    proc = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "odoo"),
            "-c",
            config,
            "-d",
            dbname,
            f"--db-filter=^{dbname}$",
            "--http-interface=127.0.0.1",
            f"--http-port={port}",
            "--workers=4",
            "--max-cron-threads=2",
            "--limit-time-real=120",
            "--log-level=warn",
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if requests.get(f"{url}/web/login", timeout=5).status_code == 200:
                return proc, url
        except requests.ConnectionError:
            pass
        if proc.poll() is not None:
            break
        time.sleep(0.5)
    proc.kill()
    raise SystemExit(f"Odoo did not start: see {log_path}")


def http_workers(master_pid):
    """PIDs of the master's worker processes (HTTP and cron)."""
    out = subprocess.run(
        ["ps", "-o", "pid=,args=", "--ppid", str(master_pid)],
        capture_output=True,
        text=True,
        check=False,
    ).stdout
    return [int(line.split()[0]) for line in out.splitlines() if line.strip()]


# ----------------------------------------------------------------------
# Clients
# ----------------------------------------------------------------------
def png_bytes():
    """A small valid PNG (the portal checks the content, not the name)."""

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    raw = b"".join(b"\x00" + bytes([200, 120, 40]) * 16 for _ in range(16))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", 16, 16, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.times = defaultdict(list)
        self.errors = defaultdict(list)
        self.expected = defaultdict(int)  # refusals that are the right answer
        self.dropped = defaultdict(list)  # connections of the killed worker
        self.acked = []  # (job id, token) the clients were told about
        self.grab_wins = defaultdict(list)

    def record(self, action, seconds, error=None):
        with self.lock:
            self.times[action].append(seconds)
            if error:
                self.errors[action].append(error)


class Client(threading.Thread):
    def __init__(self, url, db, login, password, stats, stop, data):
        super().__init__(daemon=True)
        self.url, self.db, self.login, self.password = url, db, login, password
        self.stats, self.stop, self.data = stats, stop, data
        self.session = requests.Session()
        self.rng = random.Random(login)

    def timed(self, action, func, *args, **kwargs):
        start = time.monotonic()
        try:
            result = func(*args, **kwargs)
        except ExpectedRefusal:
            self.stats.record(action, time.monotonic() - start)
            with self.stats.lock:
                self.stats.expected[action] += 1
            return None
        except requests.ConnectionError as exc:
            # The request was on the worker killed half-way: the connection
            # drops, nothing was acknowledged (checked afterwards).
            self.stats.record(action, time.monotonic() - start)
            with self.stats.lock:
                self.stats.dropped[action].append(str(exc))
            return None
        except Exception as exc:  # noqa: BLE001 (every failure is counted)
            self.stats.record(action, time.monotonic() - start, f"{type(exc).__name__}: {exc}")
            return None
        self.stats.record(action, time.monotonic() - start)
        return result

    def rpc(self, path, params):
        response = self.session.post(
            f"{self.url}{path}",
            json={"jsonrpc": "2.0", "method": "call", "id": 1, "params": params},
            timeout=60,
        )
        response.raise_for_status()
        body = response.json()
        if "error" in body:
            data = body["error"].get("data", {})
            if data.get("name") in ("odoo.exceptions.UserError", "odoo.exceptions.ValidationError"):
                raise ExpectedRefusal(data.get("message"))
            raise RuntimeError(data.get("message") or body["error"].get("message"))
        return body["result"]

    def call(self, model, method, *args, **kwargs):
        return self.rpc(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": list(args), "kwargs": kwargs},
        )

    def authenticate(self):
        self.rpc(
            "/web/session/authenticate",
            {"db": self.db, "login": self.login, "password": self.password},
        )

    def run(self):
        if self.timed("login", self.authenticate) is None and self.stats.errors["login"]:
            return
        while not self.stop.is_set():
            self.step()
            time.sleep(self.rng.uniform(0.2, 1.0))


class ExpectedRefusal(Exception):
    """A refusal the user is meant to see (a job already taken...)."""


class Owner(Client):
    def report_form(self):
        response = self.session.get(f"{self.url}/my/report", timeout=60)
        response.raise_for_status()
        html = response.text
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)
        places = re.findall(r'value="(unit-\d+)"', html)
        categories = re.findall(r'<option[^>]*value="(\d+)"', html)
        return csrf, places, categories

    def report(self, csrf, place, category):
        token = uuid.uuid4().hex
        response = self.session.post(
            f"{self.url}/my/report",
            data={
                "csrf_token": csrf,
                "place": place,
                "category_id": category,
                "description": f"Load test report {token}",
            },
            files=[("attachments", ("photo.png", png_bytes(), "image/png"))],
            timeout=60,
            allow_redirects=False,
        )
        if response.status_code not in (302, 303):
            raise RuntimeError(f"HTTP {response.status_code}")
        job_id = int(re.search(r"/my/ticket/(\d+)", response.headers["Location"]).group(1))
        with self.stats.lock:
            self.stats.acked.append((job_id, token))
        return job_id

    def page(self, path):
        response = self.session.get(f"{self.url}{path}", timeout=60)
        if response.status_code != 200:
            raise RuntimeError(f"HTTP {response.status_code} on {path}")

    def step(self):
        form = self.timed("portal: report form", self.report_form)
        if not form:
            return
        csrf, places, categories = form
        if not places or not categories:
            self.stats.record("portal: report form", 0, "no unit or category offered")
            return
        job_id = self.timed(
            "portal: report with photo",
            self.report,
            csrf,
            self.rng.choice(places),
            self.rng.choice(categories),
        )
        self.timed("portal: my jobs", self.page, "/my/tickets")
        if job_id:
            self.timed("portal: job page", self.page, f"/my/ticket/{job_id}")


class Assistant(Client):
    def register(self):
        token = uuid.uuid4().hex
        wizard_id = self.call(
            "pm.hotline.wizard",
            "create",
            [
                {
                    "phone": self.rng.choice(self.data["phones"]),
                    "category_id": self.rng.choice(self.data["categories"]),
                    "description": f"<p>Load test call {token}</p>",
                }
            ],
        )
        if isinstance(wizard_id, list):
            wizard_id = wizard_id[0]
        action = self.call("pm.hotline.wizard", "action_register", [wizard_id])
        with self.stats.lock:
            self.stats.acked.append((action["res_id"], token))
        return action["res_id"]

    def step(self):
        self.timed("hotline: register a call", self.register)
        self.timed(
            "jobs: list",
            self.call,
            "helpdesk.ticket",
            "web_search_read",
            [],
            specification={"number": {}, "name": {}, "stage_id": {"fields": {"display_name": {}}}},
            limit=80,
        )


class Technician(Client):
    def grab(self):
        jobs = self.call(
            "helpdesk.ticket", "search", [("in_pool", "=", True)], limit=3, order="id desc"
        )
        if not jobs:
            with self.stats.lock:
                self.stats.expected["technician: pool empty"] += 1
            return None
        job = self.rng.choice(jobs)
        self.call("helpdesk.ticket", "action_grab", [job])
        with self.stats.lock:
            self.stats.grab_wins[job].append(self.login)
        return job

    def step(self):
        job = self.timed("technician: grab from the pool", self.grab)
        if job:
            self.timed("technician: check in", self.check_in, job)

    def check_in(self, job):
        """On site: the technician scans the QR label of the job's place."""
        job_place = self.call("helpdesk.ticket", "read", [job], ["unit_id", "public_area_id"])[0]
        model, place = (
            ("pm.unit", job_place["unit_id"])
            if job_place["unit_id"]
            else ("pm.public.area", job_place["public_area_id"])
        )
        code = self.call(model, "read", [place[0]], ["pm_qr_url"])[0]["pm_qr_url"]
        return self.call("helpdesk.ticket", "action_pm_scan", [job], code)


class Manager(Client):
    def step(self):
        self.timed(
            "manager: job analysis",
            self.call,
            "pm.job.analysis",
            "formatted_read_group",
            [],
            groupby=["date:month", "category_id"],
            aggregates=["__count", "arrival_minutes:avg", "completion_met:avg"],
        )


# ----------------------------------------------------------------------
# Checks (in-process, after the run)
# ----------------------------------------------------------------------
def check(config, dbname, stats):
    import odoo
    from odoo.modules.registry import Registry

    registry = Registry.new(dbname)
    results = {}
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        Ticket = env["helpdesk.ticket"].with_context(active_test=False)
        missing, doubled, no_limits = [], [], []
        for job_id, token in stats.acked:
            found = Ticket.search([("description", "ilike", token)])
            if not found:
                missing.append(job_id)
            elif len(found) > 1:
                doubled.append(job_id)
            elif found.id != job_id:
                missing.append(job_id)
            elif not found.milestone_ids:
                no_limits.append(job_id)
        results["acknowledged jobs"] = len(stats.acked)
        results["acknowledged but missing"] = len(missing)
        results["acknowledged twice"] = len(doubled)
        results["without time limits"] = len(no_limits)
        results["pool jobs with two winners"] = sum(
            1 for winners in stats.grab_wins.values() if len(winners) > 1
        )
        # Escalations: each level made once per milestone (the activities
        # of a job equal the levels its milestones reached).
        cr.execute(
            """
            WITH levels AS (
                SELECT ticket_id, SUM(escalation_level) AS made
                  FROM pm_ticket_milestone GROUP BY ticket_id
            ), acts AS (
                SELECT a.res_id AS ticket_id, COUNT(*) AS n
                  FROM mail_activity a
                  JOIN ir_model_data d ON d.model = 'mail.activity.type'
                       AND d.res_id = a.activity_type_id
                       AND d.name = 'mail_activity_type_escalation'
                 WHERE a.res_model = 'helpdesk.ticket'
                 GROUP BY a.res_id
            )
            SELECT COUNT(*) FILTER (WHERE COALESCE(acts.n, 0) > levels.made),
                   COALESCE(SUM(levels.made), 0)
              FROM levels LEFT JOIN acts USING (ticket_id)
            """
        )
        doubled_escalations, escalations = cr.fetchone()
        results["escalations made"] = int(escalations)
        results["jobs escalated more than once per level"] = doubled_escalations
    return results


def percentile(values, q):
    if not values:
        return 0.0
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1]


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--duration", type=int, default=120, help="seconds of load (max 900)")
    parser.add_argument("--owners", type=int, default=8)
    parser.add_argument("--assistants", type=int, default=4)
    parser.add_argument("--technicians", type=int, default=7)
    parser.add_argument("--no-kill", action="store_true", help="do not kill a worker")
    args = parser.parse_args()
    duration = max(10, min(args.duration, 900))

    data = prepare(args.config, args.database, args.owners, args.assistants, args.technicians)
    build = ROOT / ".build"
    build.mkdir(exist_ok=True)
    port = free_port()
    proc, url = start_server(args.config, args.database, port, build / "load-server.log")
    stats, stop = Stats(), threading.Event()
    clients = (
        [Owner(url, args.database, lg, PASSWORD, stats, stop, data) for lg in data["owners"]]
        + [
            Assistant(url, args.database, lg, PASSWORD, stats, stop, data)
            for lg in data["assistants"]
        ]
        + [
            Technician(url, args.database, lg, PASSWORD, stats, stop, data)
            for lg in data["technicians"]
        ]
        + [Manager(url, args.database, "manager", "manager", stats, stop, data)]
    )
    killed = None
    try:
        for client in clients:
            client.start()
        started = time.monotonic()
        while time.monotonic() - started < duration:
            time.sleep(1)
            if not killed and not args.no_kill and time.monotonic() - started > duration / 2:
                workers = http_workers(proc.pid)
                if workers:
                    killed = workers[0]
                    os.kill(killed, signal.SIGKILL)
                    print(f"[load] killed worker {killed} at {time.monotonic() - started:.0f} s")
        stop.set()
        for client in clients:
            client.join(timeout=90)
        # Let the escalation cron make what is due once more.
        time.sleep(70)
    finally:
        stop.set()
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            proc.kill()

    rows = []
    for action in sorted(stats.times):
        times = sorted(stats.times[action])
        rows.append(
            {
                "action": action,
                "requests": len(times),
                "errors": len(stats.errors[action]),
                "refused as expected": stats.expected[action],
                "dropped by the kill": len(stats.dropped[action]),
                "p50 ms": round(percentile(times, 50) * 1000),
                "p95 ms": round(percentile(times, 95) * 1000),
            }
        )
    checks = check(args.config, args.database, stats)
    log_lines = (build / "load-server.log").read_text(errors="replace").splitlines()
    # A request that failed (HTTP 500), a scheduled action or an escalation
    # that failed; a serialization conflict is retried by Odoo (the request)
    # or by the next run (the escalation of that milestone) and is counted
    # apart.
    failures = ("Exception during request handling", "server action #", "failed ")
    checks["server errors logged"] = sum(
        1 for line in log_lines if " ERROR " in line and any(f in line for f in failures)
    )
    checks["serialization conflicts (retried)"] = sum(
        1 for line in log_lines if "could not serialize access" in line and "ERROR:" in line
    )
    checks["technician found the pool empty"] = stats.expected["technician: pool empty"]
    checks["worker killed"] = bool(killed)
    summary = {"duration s": duration, "clients": len(clients), "actions": rows, "checks": checks}
    (build / "load-results.json").write_text(json.dumps(summary, indent=2, ensure_ascii=False))

    headers = list(rows[0]) if rows else []
    widths = [max(len(str(h)), *(len(str(r[h])) for r in rows)) for h in headers]
    print("  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)))
    for r in rows:
        print("  ".join(str(r[h]).ljust(w) for h, w in zip(headers, widths, strict=True)))
    print()
    for key, value in checks.items():
        print(f"{key}: {value}")
    for action, errors in stats.errors.items():
        for error in errors[:3]:
            print(f"[error] {action}: {error[:300]}")
    bad = (
        checks["acknowledged but missing"]
        or checks["acknowledged twice"]
        or checks["without time limits"]
        or checks["pool jobs with two winners"]
        or checks["jobs escalated more than once per level"]
        or sum(r["errors"] for r in rows)
    )
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
