"""The owner's side in a real browser (Debian's headless Chromium): report a
leak with a photo, follow it while the centre dispatches and the technician
works, accept the work with a signature, rate it. The centre's steps are the
same JSON-RPC calls its screens make. Screenshots land in
tests/artifacts/screenshots (not committed)."""

import io
import re

from PIL import Image


def _photo(tmp_path):
    path = tmp_path / "漏水照片.jpg"
    image = Image.new("RGB", (320, 240), (90, 140, 200))
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG")
    path.write_bytes(buffer.getvalue())
    return path


def _job_id(page):
    return int(re.search(r"/my/ticket/(\d+)", page.url).group(1))


def test_owner_reports_follows_accepts_and_rates(page_factory, login, tmp_path):
    owner = page_factory("owner")
    owner.goto(owner.url_of("/my"))
    owner.shot("01_my_home")
    owner.click(".o_pm_report_button")
    owner.wait_for_selector(".o_pm_report_form")
    unit_option = owner.locator("select[name=place] option[value^='unit-']").first
    owner.select_option("select[name=place]", unit_option.get_attribute("value"))
    leak = owner.locator("select[name=category_id] option", has_text="漏水").first
    owner.select_option("select[name=category_id]", leak.get_attribute("value"))
    owner.fill("textarea[name=description]", "卫生间天花板漏水，水一直往下滴。")
    owner.set_input_files("input[name=attachments]", str(_photo(tmp_path)))
    owner.shot("02_report_form")
    owner.click(".o_pm_report_submit")
    owner.wait_for_url(re.compile(r".*/my/ticket/\d+.*"))
    job = _job_id(owner)
    owner.wait_for_selector(".o_pm_timeline")
    assert "漏水照片.jpg" in owner.content()
    owner.shot("03_job_registered")

    # the centre dispatches, the technician works (the calls their buttons make)
    assistant, tech = login("assistant"), login("tech")
    wizard = assistant.call(
        "pm.dispatch.wizard", "create", {"ticket_id": job, "mode": "assign", "user_id": tech.uid}
    )
    assistant.call("pm.dispatch.wizard", "action_confirm", [wizard])
    tech.call("helpdesk.ticket", "action_take_job", [job])
    # out of the warranty, the owner accepts the quote on the portal first
    charge = assistant.call("helpdesk.ticket", "read", [job], ["charge_mode", "charge_reason"])[0]
    if charge["charge_mode"] == "chargeable":
        assistant.call("helpdesk.ticket", "action_pm_quote", [job])
        owner.goto(owner.url_of(f"/my/ticket/{job}"))
        assert "有偿" in owner.inner_text(".o_pm_billing_card")
        owner.click(".o_pm_open_quote")
        owner.click("a[data-bs-target='#modalaccept']:visible")
        owner.wait_for_selector(".modal .o_portal_sign_submit:enabled")
        owner.shot("03b_quote_accept")
        owner.click(".modal .o_portal_sign_submit")
        owner.wait_for_url(re.compile(r".*message=sign_ok.*"))
        state = assistant.call("helpdesk.ticket", "read", [job], ["billing_state", "is_paused"])[0]
        assert (state["billing_state"], state["is_paused"]) == ("approved", False)
    else:
        assert charge["charge_reason"] in ("warranty", "not_handed_over")
    tech.call("helpdesk.ticket", "action_pm_open_checkin", [job])
    wizard = tech.call(
        "pm.checkin.wizard",
        "create",
        {"ticket_id": job, "method": "manual", "reason": "业主在小区门口接我进来"},
    )
    tech.call("pm.checkin.wizard", "action_confirm", [wizard])
    cause = tech.call("pm.failure.cause", "search", [("code", "=", "installation")])
    tech.call(
        "helpdesk.ticket",
        "write",
        [job],
        {"work_done": "更换天花板内渗漏的给水管接头", "failure_cause_id": cause[0]},
    )
    tech.call("helpdesk.ticket", "action_complete", [job])

    owner.goto(owner.url_of(f"/my/ticket/{job}"))
    owner.wait_for_selector(".o_pm_accept")
    owner.shot("04_job_done_to_accept")
    owner.click(".o_pm_accept button[data-bs-target='#pm_modal_accept']")
    owner.wait_for_selector("#pm_modal_accept .o_portal_sign_submit:not([disabled])")
    owner.shot("05_signature")
    owner.click("#pm_modal_accept .o_portal_sign_submit")
    owner.wait_for_selector(".o_pm_rate")
    owner.shot("06_accepted_rate")
    for field, stars in (("score_speed", 5), ("score_attitude", 5), ("score_quality", 4)):
        owner.click(f"label[for={field}_{stars}]")
    owner.fill("textarea[name=comment]", "师傅来得很快，修得很好。")
    owner.click(".o_pm_rate button[type=submit]")
    owner.wait_for_selector(".o_pm_followup")
    owner.shot("07_rated")

    state = login("assistant").call(
        "helpdesk.ticket", "read", [job], ["service_state", "satisfaction", "channel_id"]
    )[0]
    assert state["service_state"] == "closed"
    assert abs(state["satisfaction"] - 14 / 3) < 0.01
    acceptance = login("assistant").call(
        "pm.ticket.acceptance",
        "search_read",
        [("ticket_id", "=", job)],
        ["result", "channel", "signed_by"],
    )
    assert acceptance and acceptance[0]["result"] == "accepted"
    assert acceptance[0]["channel"] == "portal"


def test_portal_pages_on_a_phone_and_in_english(page_factory):
    for lang, phone in (("zh-CN", True), ("en-US", False), ("en-US", True)):
        owner = page_factory("owner", phone=phone, lang=lang)
        suffix = f"{lang}_{'phone' if phone else 'desktop'}"
        for path, name in (
            ("/my", "home"),
            ("/my/units", "units"),
            ("/my/report", "report"),
            ("/my/notices", "notices"),
        ):
            owner.goto(owner.url_of(path))
            owner.wait_for_load_state("load")
            assert owner.locator("#wrapwrap").count() == 1
            owner.shot(f"10_{name}_{suffix}")
            if phone:  # nothing overflows the phone's width
                width = owner.evaluate("document.documentElement.scrollWidth")
                assert width <= 390 + 1, f"{path} is {width}px wide on a phone"
        # The language in the URL decides (the cookie alone races with the
        # owner's own language, zh_CN, on the first request).
        if lang == "en-US":
            owner.goto(owner.url_of("/en/my/units"))
            owner.wait_for_load_state("load")
            assert "My Units" in owner.content()
        else:
            owner.goto(owner.url_of("/zh_CN/my/units"))
            owner.wait_for_load_state("load")
            assert "我的房屋" in owner.content()
