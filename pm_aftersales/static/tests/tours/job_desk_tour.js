/**
 * (g) The customer-service assistant's desk: the kanban and the list show
 * the deciding limit of each job with its kind and the time left, the
 * owner's wait on a paused job, the owner and the phone; the job form's
 * header has exactly one primary button, the next step of the workflow.
 * Data: pm_aftersales/tests/test_tours.py.
 */
import { registry } from "@web/core/registry";
import { openApp } from "./pm_tour_utils";

const DISPATCHED = "Tour: dripping kitchen tap";
const WAITING = "Tour: nobody at home";
const DONE = "Tour: blocked balcony drain";

registry.category("web_tour.tours").add("pm_aftersales_job_desk", {
    steps: () => [
        ...openApp(),
        {
            content: "The kanban card shows the deciding limit and the time left",
            trigger: `.o_kanban_record:contains(${DISPATCHED}) .o_pm_deadline_left[data-status=running]:contains(Response):contains(left)`,
        },
        {
            content: "The paused job shows the owner's wait (it has no running deadline)",
            trigger: `.o_kanban_record:contains(${WAITING}):not(:has(.o_pm_deadline_left)) .o_pm_waiting_owner`,
        },
        {
            content: "Switch to the list",
            trigger: ".o_control_panel .o_switch_view.o_list",
            run: "click",
        },
        {
            content: "The list shows the kind of the limit and the time left",
            trigger: `.o_list_view .o_data_row:contains(${DISPATCHED}) td[name=next_deadline] .o_pm_deadline_left:contains(Response):contains(left)`,
        },
        {
            content: "The list shows the owner and the phone",
            trigger: `.o_list_view .o_data_row:contains(${DISPATCHED}):has(td[name=partner_id]:contains(Tour Owner)) td[name=partner_phone]:contains(138 0013 8000)`,
        },
        {
            content: "Open the job awaiting the owner's acceptance",
            trigger: `.o_list_view .o_data_row:contains(${DONE}) td[name=name]`,
            run: "click",
        },
        {
            content: "The time limits show as a timeline, the completion met",
            trigger: ".o_form_view .o_pm_milestone_timeline .o_pm_milestone_step[data-status=met]:contains(Completion)",
        },
        {
            content: "The header has exactly one primary button: accept the work",
            trigger: ".o_form_view .o_statusbar_buttons:has(button.btn-primary[name=action_accept_work]):not(:has(button.btn-primary ~ button.btn-primary))",
        },
        {
            content: "Rejecting the work is a secondary button",
            trigger: ".o_form_view .o_statusbar_buttons button.btn-secondary[name=action_reject_work]",
        },
    ],
});
