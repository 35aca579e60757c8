/**
 * (b) The technician works a job dispatched to them: accepts it, cannot
 * make it in time and records a delay, checks in on site, adds the part
 * used and a photo, gives the cause and the work done, completes the job.
 * Data: pm_aftersales/tests/test_tours.py.
 */
import { registry } from "@web/core/registry";
import {
    clickNextStep,
    datetimeIn,
    openApp,
    openMenu,
    openPage,
    pickMany2one,
    pickSelection,
    uploadFile,
} from "./pm_tour_utils";

const JOB = "Tour: dripping kitchen tap";

registry.category("web_tour.tours").add("pm_aftersales_technician_work", {
    steps: () => [
        ...openApp(),
        ...openMenu("menu_pm_my_jobs", "menu_pm_service"),
        {
            content: "Open the job",
            trigger: `.o_kanban_record:contains(${JOB}) .o_pm_card_place`,
            run: "click",
        },
        clickNextStep("action_take_job", "Accept the job"),
        {
            content: "The job is accepted: the next step is the check-in",
            trigger: ".o_pm_technician_form .o_pm_next_step:not(:has(button[name=action_take_job])):has(.o_pm_qr_scan_button)",
        },
        {
            content: "Cannot make it in time: record a delay",
            trigger: ".o_pm_technician_form .o_pm_other_steps button[name=action_delay]",
            run: "click",
        },
        ...pickMany2one(".modal .o_field_widget[name=reason_id]", "Spare", "Waiting for Spare Parts"),
        {
            content: "Promise a new time",
            trigger: ".modal .o_field_widget[name=promised_date] input",
            run: `edit ${datetimeIn(5)} && press Enter`,
        },
        {
            content: "Say why",
            trigger: ".modal .o_field_widget[name=explanation] textarea",
            run: "edit The angle valve must come from the store first.",
        },
        {
            content: "Save the delay",
            trigger: ".modal .o_form_button_save:enabled",
            run: "click",
        },
        {
            content: "No label at hand: check in with another proof",
            trigger: ".o_pm_technician_form .o_pm_next_step button.o_pm_other_proof",
            run: "click",
        },
        {
            content: "Prove it by a reason",
            trigger: ".modal .o_field_widget[name=method] .o_radio_item:contains(A Reason) input",
            run: "click",
        },
        {
            content: "Say why",
            trigger: ".modal .o_field_widget[name=reason] textarea",
            run: "edit The label at the door was torn off",
        },
        {
            content: "Check in",
            trigger: ".modal button[name=action_confirm]",
            run: "click",
        },
        {
            content: "On site: the job can be completed",
            trigger: ".o_pm_technician_form .o_pm_next_step:has(button[name=action_complete])",
        },
        openPage("parts"),
        {
            content: "Add a part",
            trigger: ".o_field_widget[name=part_ids] .o_field_x2many_list_row_add a",
            run: "click",
        },
        ...pickMany2one(".o_field_widget[name=part_ids] .o_data_row .o_field_widget[name=product_id]", "Tour Angle", "Tour Angle Valve"),
        {
            content: "One was used (a part listed but not used is dropped at completion)",
            trigger: ".o_field_widget[name=part_ids] .o_data_row .o_field_widget[name=quantity_used] input",
            run: "edit 1",
        },
        uploadFile(".o_field_widget[name=photo_before_ids]", "tap_before.png"),
        {
            content: "The photo is uploaded",
            trigger: ".o_field_widget[name=photo_before_ids] .o_attachment:contains(tap_before.png)",
        },
        ...pickSelection(".o_field_widget[name=failure_cause_id]", "Wear and Ageing"),
        {
            content: "Describe the work done",
            trigger: ".o_field_widget[name=work_done] textarea",
            run: "edit Cartridge of the mixer tap replaced.",
        },
        clickNextStep("action_complete", "Complete the job"),
        {
            content: "The owner is asked to accept the work",
            trigger: ".o_pm_technician_form .o_field_widget[name=service_state]:contains(Awaiting Acceptance)",
        },
    ],
});
