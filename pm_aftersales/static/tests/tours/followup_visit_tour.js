/**
 * (d) The customer-service assistant calls the owner back after the
 * acceptance and records the follow-up visit with its scores.
 * Data: pm_aftersales/tests/test_tours.py.
 */
import { registry } from "@web/core/registry";
import { clickStatusButton, openApp, openMenu, openPage } from "./pm_tour_utils";

const JOB = "Tour: broken water heater";

registry.category("web_tour.tours").add("pm_aftersales_followup_visit", {
    steps: () => [
        ...openApp(),
        ...openMenu("menu_pm_jobs", "menu_pm_service"),
        {
            content: "Open the accepted job",
            trigger: `.o_kanban_record:contains(${JOB})`,
            run: "click",
        },
        ...clickStatusButton("action_followup", "Record the follow-up visit"),
        {
            content: "The visit starts without scores (no star given)",
            trigger: ".modal .o_field_widget[name=speed_rating]:not(:has(.o_priority_star.fa-star))",
        },
        {
            content: "Arrival speed: 4 stars",
            trigger: ".modal .o_field_widget[name=speed_rating] .o_priority_star:nth-of-type(4)",
            run: "click",
        },
        {
            content: "Service attitude: 5 stars",
            trigger: ".modal .o_field_widget[name=attitude_rating] .o_priority_star:nth-of-type(5)",
            run: "click",
        },
        {
            content: "Repair quality: 5 stars",
            trigger: ".modal .o_field_widget[name=quality_rating] .o_priority_star:nth-of-type(5)",
            run: "click",
        },
        {
            content: "What the owner said",
            trigger: ".modal .o_field_widget[name=comment] textarea",
            run: "edit Satisfied, the water is hot again.",
        },
        {
            content: "Save the visit",
            trigger: ".modal .o_form_button_save:enabled",
            run: "click",
        },
        openPage("acceptance"),
        {
            content: "The visit is on the job",
            trigger: ".o_field_widget[name=followup_ids] :contains(Satisfied, the water is hot again.)",
        },
    ],
});
