/**
 * (e) The customer-service supervisor runs a rectification: records a
 * handover defect, verifies it on site, groups it into a rectification
 * order, signs the opinion (as the estate's rectification owner), has the
 * plan and budget approved, follows the work to its end and records the
 * four-party acceptance (developer, contractor, property company, owner) on
 * the tablet. Data: pm_aftersales/tests/test_tours.py.
 */
import { registry } from "@web/core/registry";
import {
    clickStatusButton,
    dateIn,
    drawSignature,
    openApp,
    openMenu,
    openPage,
    pickMany2one,
    selectListRow,
} from "./pm_tour_utils";

const DEFECT = "Tour: window does not close tight";
const ACTIVE_MODAL = ".modal:not(.o_inactive_modal)";

/** One party signs on the tablet: the signature drawn from the name. */
function sign(party, name, partner) {
    return [
        ...clickStatusButton("action_record_signature", `Record the signature of the ${party}`),
        {
            content: `The ${party} signs next`,
            trigger: `.modal .o_field_widget[name=party] input:value(${party})`,
        },
        ...(partner ? pickMany2one(".modal .o_field_widget[name=partner_id]", partner) : []),
        {
            content: "Name of the signatory",
            trigger: ".modal .o_field_widget[name=signed_by] input",
            run: `edit ${name} && click .modal-body`,
        },
        {
            content: "Sign",
            trigger: ".modal .o_field_widget[name=signature] .o_signature",
            run: "click",
        },
        {
            content: "The signature is made from the name",
            trigger: `${ACTIVE_MODAL} canvas.o_web_sign_signature`,
            run: "canvasNotEmpty",
        },
        {
            content: "Adopt the signature",
            trigger: `${ACTIVE_MODAL} .modal-footer button.btn-primary:enabled`,
            run: "click",
        },
        {
            content: "The signature is on the form",
            trigger: ".modal .o_field_widget[name=signature] img.o_signature",
        },
        {
            content: "Save the signature",
            trigger: `${ACTIVE_MODAL} .modal-footer button.btn-primary:enabled`,
            run: "click",
        },
        {
            content: "The dialog is closed",
            trigger: "body:not(:has(.modal)) .o_form_view .o_notebook",
        },
        openPage("acceptance"),
        {
            content: "Signed",
            trigger: `.o_field_widget[name=signature_ids] .o_data_row:contains(${name})`,
        },
    ];
}

registry.category("web_tour.tours").add("pm_aftersales_rectification", {
    steps: () => [
        ...openApp(),
        ...openMenu("menu_pm_defect", "menu_pm_rectification_root"),
        {
            content: "Record a defect found at the handover",
            trigger: ".o_control_panel button.o_list_button_add",
            run: "click",
        },
        {
            content: "What is wrong",
            trigger: ".o_form_view .o_field_widget[name=name] input",
            run: `edit ${DEFECT}`,
        },
        ...pickMany2one(".o_field_widget[name=unit_id]", "T-1601"),
        ...pickMany2one(".o_field_widget[name=trade_id]", "Civil", "Civil Works"),
        {
            content: "Where in the unit",
            trigger: ".o_form_view .o_field_widget[name=location] input",
            run: "edit Master bedroom window",
        },
        ...pickMany2one(".o_field_widget[name=contractor_id]", "civil crew", "Tour Build civil crew"),
        ...clickStatusButton("action_verify", "Verified on site"),
        {
            content: "The defect is verified",
            trigger: ".o_form_view .o_field_widget[name=verified_by_id]:contains(Tour Supervisor)",
        },
        {
            content: "Back to the defects",
            trigger: ".o_back_button",
            run: "click",
        },
        ...selectListRow(`.o_list_view .o_data_row:contains(${DEFECT})`),
        {
            content: "Open the actions",
            trigger: ".o_control_panel .o_cp_action_menus button:has(.fa-cog)",
            run: "click",
        },
        {
            content: "Group the defect into a rectification order",
            trigger: ".o-dropdown--menu .o_menu_item:contains(Create Rectification Orders)",
            run: "click",
        },
        {
            content: "Open the new order",
            trigger: ".o_list_view .o_data_row:has(td[name=progress]):contains(T-1601) td[name=name]",
            run: "click",
        },
        {
            content: "The deadline and the progress stand above the tabs",
            trigger: ".o_pm_rectification_status:not(:has(.o_pm_overdue_badge)) .o_field_widget[name=progress]",
        },
        openPage("opinion"),
        {
            content: "Responsible department",
            trigger: ".o_field_widget[name=department] input",
            run: "edit Engineering",
        },
        {
            content: "Handler",
            trigger: ".o_field_widget[name=handler] input",
            run: "edit Zhang Wei",
        },
        {
            content: "Deadline, in the top block",
            trigger: ".o_pm_rectification_status .o_field_widget[name=deadline] input",
            run: `edit ${dateIn(10)} && press Enter`,
        },
        {
            content: "Opinion",
            trigger: ".o_field_widget[name=opinion] textarea",
            run: "edit Replace the window seals and adjust the hinges.",
        },
        {
            content: "Sign the opinion",
            trigger: ".o_field_widget[name=opinion_signature] .o_signature",
            run: "click",
        },
        drawSignature(),
        {
            content: "Adopt the signature",
            trigger: `${ACTIVE_MODAL} .modal-footer button.btn-primary:enabled`,
            run: "click",
        },
        {
            content: "The opinion is signed",
            trigger: "body:not(:has(.modal)) .o_field_widget[name=opinion_signature] img.o_signature",
        },
        ...clickStatusButton("action_sign_opinion", "Sign the opinion"),
        {
            content: "Opinion signed",
            trigger: ".o_field_widget[name=opinion_signed_by_id]:contains(Tour Supervisor)",
        },
        openPage("budget"),
        {
            content: "Cost budget",
            trigger: ".o_field_widget[name=budget_amount] input",
            run: "edit 1500",
        },
        {
            content: "Plan",
            trigger: ".o_field_widget[name=plan] .odoo-editor-editable",
            run: "editor New seals on all four sashes, hinges adjusted, checked with the owner.",
        },
        ...clickStatusButton("action_submit_budget", "Submit the plan and budget"),
        ...clickStatusButton("action_approve_budget", "Approve the budget"),
        ...clickStatusButton("action_start", "Start the work"),
        openPage("progress"),
        {
            content: "Record the progress",
            trigger: ".o_field_widget[name=progress_ids] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            content: "Work done",
            trigger: ".o_field_widget[name=progress_ids] .o_data_row .o_field_widget[name=description] textarea",
            run: "edit Seals replaced, hinges adjusted",
        },
        {
            content: "Finished",
            trigger: ".o_field_widget[name=progress_ids] .o_data_row .o_field_widget[name=percent] input",
            run: "edit 100",
        },
        ...clickStatusButton("action_done", "Work finished: acceptance on site"),
        {
            content: "Awaiting the acceptance",
            trigger: ".o_form_view .o_statusbar_buttons:has(button[name=action_record_signature])",
        },
        ...sign("Developer", "Dev Rep"),
        ...sign("Contractor", "Con Rep"),
        ...sign("Property Company", "Tour Supervisor"),
        ...sign("Owner", "Tour Owner", "Tour Owner"),
        {
            content: "Accepted by the four parties: the order can be closed",
            trigger: ".o_form_view .o_statusbar_buttons button[name=action_close]",
        },
    ],
});
