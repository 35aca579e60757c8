/**
 * (a) The customer-service assistant takes a call on the hotline: the
 * caller is found by number and the caller panel shows his units and open
 * jobs; she picks the unit and the category, registers the job and
 * dispatches it in the same go, the skilled technician on duty proposed.
 *
 * Clicks (desktop), counted by the steps marked `clicks` and checked at
 * the end: the hotline menu (2: 服务 → 热线登记), the unit (1, a radio
 * among the caller's units), the category (2: the field, the choice), the
 * description (1), "Register and Dispatch" (1), "Dispatch" (1): 8 in all.
 * The number field has the focus when the dialog opens; typing is not
 * counted.
 * Data: pm_aftersales/tests/test_tours.py.
 */
import { registry } from "@web/core/registry";
import { openApp, openMenu, pickMany2one } from "./pm_tour_utils";

const MAX_CLICKS = 8;

/** Mark the desktop steps that are clicks of the user. */
function counted(steps, clicks) {
    return steps.map((step) =>
        step.isActive && !step.isActive.includes("desktop") ? step : { ...step, clicks }
    );
}

function deskSteps() {
    return [
        // the section and the item of the menu
        ...counted(openMenu("menu_pm_hotline", "menu_pm_service"), 1),
        {
            content: "Type the caller's number (the field has the focus)",
            trigger: ".modal .o_field_widget[name=phone] input",
            run: "edit 13800138000 && click .modal-title",
        },
        {
            content: "The owner is found by the number",
            trigger: ".modal .o_field_widget[name=partner_id] input:value(Tour Owner)",
        },
        {
            content: "The caller panel lists his units",
            trigger: ".modal .o_pm_caller_units .o_data_row:contains(T-802)",
        },
        {
            content: "The caller panel lists his open job",
            trigger: ".modal .o_pm_caller_open_jobs .o_data_row:contains(Tour: dripping kitchen tap)",
        },
        {
            content: "His units are the choices: three, none chosen for him",
            trigger: ".modal .o_field_widget[name=unit_id].o_field_radio:not(:has(input:checked))",
        },
        {
            content: "Choose the unit among his",
            trigger: ".modal .o_field_widget[name=unit_id] .o_radio_item:contains(T-801) input",
            run: "click",
            clicks: 1,
        },
        ...counted(
            pickMany2one(".modal .o_field_widget[name=category_id]", "Burst", "Burst Pipe"),
            1
        ),
        {
            content: "The category gives the type",
            trigger: ".modal .o_field_widget[name=ticket_type_id] input:value(Urgent Repair)",
        },
        {
            content: "The panel shows the unit's warranty for the trade",
            trigger: ".modal .o_pm_caller_warranty:visible",
        },
        {
            content: "Describe the problem",
            trigger: ".modal .o_field_widget[name=description] .odoo-editor-editable",
            run: "editor Water pouring from the kitchen ceiling",
            clicks: 1,
        },
        {
            content: "Register the call and dispatch it",
            trigger: ".modal .modal-footer button[name=action_register_dispatch]:enabled",
            run: "click",
            clicks: 1,
        },
        {
            content: "The skilled technician on duty is proposed",
            trigger: ".modal .o_field_widget[name=user_id] input:value(Tour Plumber)",
        },
        {
            content: "Dispatch to him",
            trigger: ".modal .modal-footer button[name=action_confirm]:enabled",
            run: "click",
            clicks: 1,
        },
        {
            content: "The dispatch dialog is closed",
            trigger: "body:not(:has(.modal))",
        },
    ];
}

registry.category("web_tour.tours").add("pm_aftersales_hotline_dispatch", {
    steps: () => {
        const desk = deskSteps();
        const clicks = desk.reduce((total, step) => total + (step.clicks || 0), 0);
        // the tour's schema knows no "clicks": counted, then dropped
        const steps = desk.map(({ clicks: _clicks, ...step }) => step);
        return [
            ...openApp(),
            ...steps,
            {
                isActive: ["desktop"],
                content: `Registered and dispatched in ${clicks} clicks (at most ${MAX_CLICKS})`,
                trigger: "body",
                run() {
                    if (clicks > MAX_CLICKS) {
                        throw new Error(
                            `The call took ${clicks} clicks, more than ${MAX_CLICKS}.`
                        );
                    }
                },
            },
        ];
    },
});
