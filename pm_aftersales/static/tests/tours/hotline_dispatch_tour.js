/**
 * (a) The customer-service assistant takes a call on the hotline: the
 * caller is found by number, picks the unit and the category, registers the
 * job, then dispatches it to a technician with a candidate's "Assign" button.
 * Data: pm_aftersales/tests/test_tours.py.
 */
import { registry } from "@web/core/registry";
import { clickStatusButton, openApp, openMenu, pickMany2one } from "./pm_tour_utils";

registry.category("web_tour.tours").add("pm_aftersales_hotline_dispatch", {
    steps: () => [
        ...openApp(),
        ...openMenu("menu_pm_hotline", "menu_pm_service"),
        {
            content: "Type the caller's number",
            trigger: ".modal .o_field_widget[name=phone] input",
            run: "edit 13800138000 && click .modal-body",
        },
        {
            content: "The owner is found by the number",
            trigger: ".modal .o_field_widget[name=partner_id] input:value(Tour Owner)",
        },
        ...pickMany2one(".modal .o_field_widget[name=unit_id]", "T-801"),
        ...pickMany2one(".modal .o_field_widget[name=category_id]", "Burst", "Burst Pipe"),
        {
            content: "The category gives the type",
            trigger: ".modal .o_field_widget[name=ticket_type_id] input:value(Urgent Repair)",
        },
        {
            content: "Describe the problem",
            trigger: ".modal .o_field_widget[name=description] .odoo-editor-editable",
            run: "editor Water pouring from the kitchen ceiling",
        },
        {
            content: "Register the call",
            trigger: ".modal .modal-footer button[name=action_register]:enabled",
            run: "click",
        },
        {
            content: "The job is open",
            trigger: "body:not(:has(.modal)) .o_form_view .o_field_widget[name=unit_id] input:value(T-801)",
        },
        ...clickStatusButton("action_open_dispatch", "Dispatch the job"),
        {
            content: "Assign the plumber from the candidates",
            trigger: ".modal .o_field_widget[name=line_ids] .o_data_row:contains(Tour Plumber) button[name=action_choose]",
            run: "click",
        },
        {
            content: "The job is the plumber's",
            trigger: "body:not(:has(.modal)) .o_form_view .o_field_widget[name=user_id] input:value(Tour Plumber)",
        },
    ],
});
