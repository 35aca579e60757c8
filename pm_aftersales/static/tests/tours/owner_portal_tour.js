/**
 * (c) The owner, from the portal's home (/my): the tiles show their counts;
 * reports a leak and reads the confirmation (job number, time limit); finds
 * the finished job in the list (cards on a phone, a table on a desktop);
 * accepts the work with Odoo's signature widget, then rates it.
 * Data: pm_aftersales/tests/test_tours.py.
 */
import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("pm_aftersales_owner_portal", {
    steps: () => [
        {
            content: "The home tiles show their counts: three homes",
            trigger: ".o_pm_portal_count[data-placeholder_count='pm_unit_count']:contains(3)",
        },
        {
            content: "Report a problem",
            trigger: ".o_pm_report_button",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Where: the first home",
            trigger: ".o_pm_report_form select[name=place]",
            run: "selectByLabel T-801",
        },
        {
            content: "What: a leak",
            trigger: ".o_pm_report_form select[name=category_id]",
            run: "selectByLabel Water Leak",
        },
        {
            content: "Describe it",
            trigger: ".o_pm_report_form textarea[name=description]",
            run: "edit Water drips from the bathroom ceiling.",
        },
        {
            content: "Send",
            trigger: ".o_pm_report_submit",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The confirmation gives the job number",
            trigger: ".o_pm_report_confirmation .o_pm_report_number:not(:empty)",
        },
        {
            content: "... and when it will be fixed",
            trigger: ".o_pm_report_confirmation li[data-milestone=completion]:contains(Fixed by)",
        },
        {
            content: "Back to the list of jobs",
            trigger: ".o_portal_submenu a[href^='/my/tickets']",
            run: "click",
            expectUnloadPage: true,
        },
        {
            isActive: ["mobile"],
            content: "On a phone, the jobs are cards with their status",
            trigger: ".o_pm_ticket_card:contains(blocked balcony drain) .o_pm_ticket_stage",
        },
        {
            isActive: ["mobile"],
            content: "Open the finished job",
            trigger: ".o_pm_ticket_card:contains(blocked balcony drain)",
            run: "click",
            expectUnloadPage: true,
        },
        {
            isActive: ["desktop"],
            content: "On a desktop, the jobs are a table: open the finished job",
            trigger: ".o_pm_ticket_table a:contains(blocked balcony drain)",
            run: "click",
            expectUnloadPage: true,
        },
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
