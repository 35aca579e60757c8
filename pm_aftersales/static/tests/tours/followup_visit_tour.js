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
            content: "Arrival speed",
            trigger: ".modal .o_field_widget[name=score_speed] input",
            run: "edit 4",
        },
        {
            content: "Service attitude",
            trigger: ".modal .o_field_widget[name=score_attitude] input",
            run: "edit 5",
        },
        {
            content: "Repair quality",
            trigger: ".modal .o_field_widget[name=score_quality] input",
            run: "edit 5",
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
