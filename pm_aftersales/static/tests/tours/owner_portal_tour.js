/**
 * (c) The owner accepts the finished work on the portal with Odoo's
 * signature widget, then rates it (/my/ticket/<id>, started there by the
 * test). Data: pm_aftersales/tests/test_tours.py.
 */
import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("pm_aftersales_owner_portal", {
    steps: () => [
        {
            content: "The work is finished: accept and sign",
            trigger: ".o_pm_accept button[data-bs-target='#pm_modal_accept']",
            run: "click",
        },
        {
            content: "The owner's name is filled in",
            trigger: "#pm_modal_accept .o_web_sign_name_and_signature input:value(Tour Owner)",
        },
        {
            content: "The signature is drawn from the name",
            trigger: "#pm_modal_accept canvas.o_web_sign_signature",
            run: "canvasNotEmpty",
        },
        {
            content: "Sign",
            trigger: "#pm_modal_accept .o_portal_sign_submit:enabled",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Accepted",
            trigger: ".o_pm_acceptances .badge.text-bg-success",
        },
        {
            content: "Arrival speed: 5",
            trigger: ".o_pm_rate label[for=score_speed_5]",
            run: "click",
        },
        {
            content: "Service attitude: 4",
            trigger: ".o_pm_rate label[for=score_attitude_4]",
            run: "click",
        },
        {
            content: "Repair quality: 5",
            trigger: ".o_pm_rate label[for=score_quality_5]",
            run: "click",
        },
        {
            content: "Comment",
            trigger: ".o_pm_rate textarea[name=comment]",
            run: "edit Quick and clean work, thank you.",
        },
        {
            content: "Send the rating",
            trigger: ".o_pm_rate button[type=submit]",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The feedback is shown",
            trigger: ".o_pm_followup:contains(Quick and clean work)",
        },
    ],
});
