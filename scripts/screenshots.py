"""Renders the main screens of each role with Playwright (Debian's chromium).

`make screenshots` serves a copy of the test database and runs this script:

    python scripts/screenshots.py --url http://127.0.0.1:8069 --db pm_shots \
        [--out .build/screenshots] [--only job_form,portal_home]

Each screen is rendered at 1440x900 (desktop) and 390x844 (phone) into
<out>/<role>_<screen>_<width>.png. A screen that fails to load (HTTP error,
error dialog, missing record, timeout) is printed; the exit status is then 1.

The catalogue (SCREENS, open_screen) is shared with
tests/test_e2e_zh_cn_screens.py, which reads the same pages as zh_CN users.
"""

import argparse
import contextlib
import json
import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

VIEWPORTS = {"desktop": (1440, 900), "phone": (390, 844)}
# Demo users (password = login), each in their own time zone.
TIMEZONE = "Asia/Shanghai"
CHROMIUM = os.environ.get("PM_CHROMIUM", "/usr/bin/chromium")

# The web client has painted a view (or a dialog) once one of these is there.
WEB_READY = ".o_action_manager .o_view_controller, .o_dialog .modal-content"
PORTAL_READY = "#wrapwrap"
ERROR_SELECTORS = ".o_error_dialog, .o_dialog .o_error_detail, .o_notification.border-danger"


class ScreenError(Exception):
    pass


@dataclass
class Screen:
    role: str
    name: str
    path: str = ""  # URL path, may hold {id}
    find: tuple = ()  # (model, domain, order): the record {id} stands for
    link: tuple = ()  # (path, selector): {id} is the first link's number there
    action: str = ""  # method on the found record whose action opens the screen
    portal: bool = False
    ready: str = ""  # extra selector that must be shown
    extra: dict = field(default_factory=dict)

    @property
    def key(self):
        return f"{self.role}_{self.name}"


_OPEN_JOB = [("service_state", "in", ["new", "dispatched", "on_site", "done"])]

SCREENS = [
    # The assistant's desk
    Screen("assistant", "hotline", "/odoo/pm-hotline", ready=".o_dialog .modal-content"),
    # (a phone shows a list as cards)
    Screen("assistant", "jobs_list", "/odoo/pm-jobs?view_type=list", ready=".o_view_controller"),
    Screen("assistant", "jobs_kanban", "/odoo/pm-jobs?view_type=kanban", ready=".o_kanban_view"),
    Screen(
        "assistant",
        "job_form",
        "/odoo/pm-jobs/{id}",
        find=("helpdesk.ticket", [("service_state", "=", "on_site")], "id desc"),
        ready=".o_form_view",
    ),
    Screen(
        "assistant",
        "dispatch",
        "/odoo/pm-jobs/{id}",
        find=("helpdesk.ticket", [("service_state", "=", "new")], "id desc"),
        action="action_open_dispatch",
        ready=".o_dialog .modal-content",
    ),
    Screen(
        "assistant",
        "followup",
        "/odoo/pm-jobs/{id}",
        find=("helpdesk.ticket", [("service_state", "=", "verified")], "id desc"),
        action="action_followup",
        ready=".o_dialog .modal-content, .o_form_view",
    ),
    Screen(
        "assistant",
        "job_billing",
        "/odoo/pm-jobs/{id}",
        find=("helpdesk.ticket", [("billing_state", "=", "to_pay")], "id desc"),
        ready=".o_form_view",
    ),
    Screen(
        "assistant",
        "job_urged",
        "/odoo/pm-jobs/{id}",
        find=("helpdesk.ticket", [("urge_count", ">", 0)], "id desc"),
        ready=".o_form_view .o_pm_urged",
    ),
    # The technician's phone
    Screen("tech", "my_jobs", "/odoo/pm-technician-jobs", ready=".o_view_controller"),
    Screen("tech", "my_rounds", "/odoo/pm-my-rounds", ready=".o_pm_patrol_kanban"),
    Screen(
        "tech",
        "round_form",
        "/odoo/pm-my-rounds/{id}",
        find=("pm.patrol.round", [("state", "in", ("planned", "in_progress"))], "id"),
        ready=".o_pm_patrol_round_form",
    ),
    Screen("tech", "my_shifts", "/odoo/pm-my-shifts", ready=".o_view_controller"),
    Screen("engineer", "patrol_analysis", "/odoo/pm-patrol-rounds", ready=".o_view_controller"),
    Screen(
        "tech",
        "job_form",
        "/odoo/pm-technician-jobs/{id}",
        find=("helpdesk.ticket", [*_OPEN_JOB, ("user_id", "=", "{uid}")], "id desc"),
        ready=".o_form_view",
    ),
    # The supervisor and the manager
    Screen("manager", "dashboard", "/odoo/action-pm_aftersales.pm_dashboard_action"),
    Screen("supervisor", "dashboard", "/odoo/action-pm_aftersales.pm_dashboard_action"),
    Screen("manager", "scorecards", "/odoo/action-pm_aftersales.pm_scorecard_action"),
    Screen(
        "manager",
        "scorecard_form",
        "/odoo/action-pm_aftersales.pm_scorecard_action/{id}",
        find=("pm.scorecard", [], "id desc"),
        ready=".o_form_view",
    ),
    Screen("supervisor", "scorecards", "/odoo/action-pm_aftersales.pm_scorecard_action"),
    Screen("supervisor", "revenue", "/odoo/pm-revenue", ready=".o_view_controller"),
    Screen("manager", "kpi_list", "/odoo/action-pm_aftersales.pm_kpi_evaluation_action"),
    Screen("manager", "kpis", "/odoo/action-pm_aftersales.pm_kpi_action"),
    Screen(
        "engineer",
        "rectification_kanban",
        "/odoo/action-pm_aftersales.pm_rectification_order_action?view_type=kanban",
        ready=".o_kanban_view",
    ),
    Screen(
        "engineer",
        "rectification_form",
        "/odoo/action-pm_aftersales.pm_rectification_order_action/{id}",
        find=("pm.rectification.order", [], "id desc"),
        ready=".o_form_view",
    ),
    # The owner's phone (portal)
    Screen("owner", "portal_home", "/my", portal=True),
    Screen("owner", "portal_tickets", "/my/tickets", portal=True),
    Screen(
        "owner",
        "portal_ticket",
        "/my/ticket/{id}",
        link=("/my/tickets", "a[href^='/my/ticket/']"),
        portal=True,
    ),
    Screen("owner", "portal_report", "/my/report", portal=True, ready=".o_pm_report_form"),
    Screen("owner", "portal_services", "/my/services", portal=True, ready=".o_pm_service_card"),
    Screen("owner", "portal_notify", "/my/notify", portal=True, ready=".o_pm_notify_card"),
    Screen(
        "owner",
        "portal_quote",
        "/my/ticket/{id}",
        find=("helpdesk.ticket", [("billing_state", "=", "quoted")], "id desc"),
        portal=True,
        ready=".o_pm_billing_card",
    ),
    Screen("owner", "portal_rectifications", "/my/rectifications", portal=True),
]


def new_page(browser, url, login, device="desktop", lang="zh-CN"):
    """A page logged in as `login` (password = login) on a desktop or a phone."""
    width, height = VIEWPORTS[device]
    context = browser.new_context(
        viewport={"width": width, "height": height},
        is_mobile=device == "phone",
        has_touch=device == "phone",
        locale=lang,
        timezone_id=TIMEZONE,
    )
    page = context.new_page()
    page.set_default_timeout(60000)
    page.pm_errors = []
    page.on("pageerror", lambda exc: page.pm_errors.append(f"JS error: {exc}"))
    page.goto(f"{url}/web/login")
    page.fill("input[name=login]", login)
    page.fill("input[name=password]", login)
    with page.expect_navigation(timeout=180000):  # the first one builds the assets
        page.click("button[type=submit]")
    page.wait_for_load_state("load", timeout=180000)
    if "/web/login" in page.url:
        raise ScreenError(f"{login} could not log in")
    return page


def session_info(page, url):
    if not getattr(page, "pm_session", None):
        response = page.request.post(
            f"{url}/web/session/get_session_info",
            data=json.dumps({"jsonrpc": "2.0", "method": "call", "id": 1, "params": {}}),
            headers={"Content-Type": "application/json"},
        )
        page.pm_session = response.json()["result"]
    return page.pm_session


def rpc(page, url, model, method, args, kwargs=None):
    """JSON-RPC as the page's user (its session cookie and context, as the
    web client calls)."""
    kwargs = dict(kwargs or {})
    kwargs.setdefault("context", session_info(page, url)["user_context"])
    response = page.request.post(
        f"{url}/web/dataset/call_kw/{model}/{method}",
        data=json.dumps(
            {
                "jsonrpc": "2.0",
                "method": "call",
                "id": 1,
                "params": {"model": model, "method": method, "args": args, "kwargs": kwargs or {}},
            }
        ),
        headers={"Content-Type": "application/json"},
    )
    payload = response.json()
    if "error" in payload:
        error = payload["error"]
        raise ScreenError(error.get("data", {}).get("message") or error.get("message"))
    return payload["result"]


def report_job(page, url):
    """The owner reports a job through the portal form (when they have none)."""
    page.goto(f"{url}/my/report")
    page.wait_for_selector(".o_pm_report_form")
    place = page.locator("select[name=place] option[value^='unit-']").first
    page.select_option("select[name=place]", place.get_attribute("value"))
    category = page.locator("select[name=category_id] option[value]:not([value=''])").first
    page.select_option("select[name=category_id]", category.get_attribute("value"))
    page.fill("textarea[name=description]", "卫生间天花板漏水，水一直往下滴。")
    page.click(".o_pm_report_submit")
    page.wait_for_url(re.compile(r".*/my/ticket/\d+.*"))


def find_record(page, url, screen):
    if screen.link:
        path, selector = screen.link
        page.goto(url + path)
        link = page.locator(selector).first
        if not link.count() and screen.role == "owner":
            report_job(page, url)
            page.goto(url + path)
            link = page.locator(selector).first
        if not link.count():
            raise ScreenError(f"no link {selector} on {path} for {screen.key}")
        return int(re.search(r"(\d+)", link.get_attribute("href").split("?")[0]).group(1))
    model, domain, order = screen.find
    uid = session_info(page, url)["uid"]
    domain = [tuple(uid if value == "{uid}" else value for value in leaf) for leaf in domain]
    ids = rpc(page, url, model, "search", [domain], {"limit": 1, "order": order})
    if not ids:
        raise ScreenError(f"no {model} record for {screen.key} ({domain})")
    return ids[0]


def _settle(page):
    with contextlib.suppress(Exception):  # a busy bus request never ends: go on
        page.wait_for_load_state("networkidle", timeout=10000)
    page.wait_for_timeout(400)


def open_screen(page, url, screen):
    """Goes to the screen; returns the id of its record (or None). Raises
    ScreenError when the page does not load."""
    record_id = find_record(page, url, screen) if screen.find or screen.link else None
    path = screen.path.format(id=record_id)
    response = page.goto(url + path)
    if response is None or response.status >= 400:
        raise ScreenError(f"{path}: HTTP {response.status if response else '?'}")
    page.wait_for_selector(PORTAL_READY if screen.portal else WEB_READY, state="visible")
    if screen.action:
        _settle(page)
        action = rpc(page, url, screen.find[0], screen.action, [[record_id]])
        page.evaluate(
            "(action) => odoo.__WOWL_DEBUG__.root.env.services.action.doAction(action)", action
        )
    if screen.ready:
        page.wait_for_selector(screen.ready, state="visible")
    _settle(page)
    if page.locator(ERROR_SELECTORS).count():
        text = page.locator(ERROR_SELECTORS).first.inner_text()[:300]
        raise ScreenError(f"{path}: error shown: {text}")
    if "/web/login" in page.url:
        raise ScreenError(f"{path}: redirected to the login page")
    if page.pm_errors:
        raise ScreenError(f"{path}: {'; '.join(page.pm_errors)}")
    return record_id


def launch(playwright):
    import resource

    # An inherited address-space cap (pytest-odoo's server) crashes Chromium.
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    resource.setrlimit(resource.RLIMIT_AS, (hard, hard))
    return playwright.chromium.launch(
        executable_path=CHROMIUM,
        args=[
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--no-first-run",
            "--disable-sync",
        ],
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", required=True)
    parser.add_argument("--out", default=os.environ.get("SHOTS_DIR", ".build/screenshots"))
    parser.add_argument("--only", default="", help="comma-separated screen keys (role_name)")
    parser.add_argument("--devices", default="desktop,phone")
    options = parser.parse_args()
    from playwright.sync_api import sync_playwright

    out = Path(options.out)
    out.mkdir(parents=True, exist_ok=True)
    only = {key for key in options.only.split(",") if key}
    failures = []
    with sync_playwright() as playwright:
        browser = launch(playwright)
        for device in options.devices.split(","):
            pages = {}
            for screen in SCREENS:
                if only and screen.key not in only and screen.name not in only:
                    continue
                target = out / f"{screen.key}_{VIEWPORTS[device][0]}.png"
                try:
                    if screen.role not in pages:
                        pages[screen.role] = new_page(browser, options.url, screen.role, device)
                    page = pages[screen.role]
                    page.pm_errors.clear()
                    open_screen(page, options.url, screen)
                    page.screenshot(path=str(target), full_page=True)
                    print(f"ok    {target}")
                except Exception as exc:  # noqa: BLE001 (report every screen)
                    failures.append(f"{screen.key} ({device}): {exc}")
                    print(f"FAIL  {screen.key} ({device}): {exc}", file=sys.stderr)
                    pages.pop(screen.role, None)
            for page in pages.values():
                page.context.close()
        browser.close()
    if failures:
        print(f"\n{len(failures)} screen(s) failed:", file=sys.stderr)
        for failure in failures:
            print(f"  {failure}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
