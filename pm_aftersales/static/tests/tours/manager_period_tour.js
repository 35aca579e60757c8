/**
 * (f) The manager computes and closes an assessment period, then opens the
 * service dashboard. Data: pm_aftersales/tests/test_tours.py.
 */
import { registry } from "@web/core/registry";
import { clickStatusButton, openApp, openMenu } from "./pm_tour_utils";

registry.category("web_tour.tours").add("pm_aftersales_manager_period", {
    steps: () => [
        ...openApp(),
        ...openMenu("menu_pm_scorecard_period", "menu_pm_staff_root"),
        {
            content: "Open the period",
            trigger: ".o_list_view .o_data_row:contains(Tour 2025-01) td[name=name]",
            run: "click",
        },
        ...clickStatusButton("action_compute", "Compute the scorecards"),
        {
            content: "A scorecard per crew member",
            isActive: ["desktop"],
            trigger: ".o_form_view .o_field_widget[name=scorecard_count]:contains(2)",
        },
        {
            // On a phone the button box folds away: wait for the computation
            // itself (its time appears); the Python test counts the cards.
            content: "The scorecards are computed",
            isActive: ["mobile"],
            trigger: ".o_form_view .o_field_widget[name=computed_date]:contains(:)",
        },
        ...clickStatusButton("action_close", "Close the period"),
        {
            content: "Confirm",
            trigger: ".modal .modal-footer button.btn-primary",
            run: "click",
        },
        {
            content: "The period is closed: it can only be reopened",
            trigger: "body:not(:has(.modal)) .o_form_view .o_statusbar_buttons button[name=action_reopen]",
        },
        ...openMenu("menu_pm_dashboard", "menu_pm_reporting_root"),
        {
            content: "The dashboard shows its six boards",
            trigger: ".o_dashboard .o-dashboard-action:count(6)",
        },
        {
            content: "The late jobs are listed",
            trigger: ".o_dashboard .o-dashboard-action .o_list_view",
        },
        {
            content: "The charts are drawn",
            trigger: ".o_dashboard .o-dashboard-action .o_graph_view canvas",
        },
        {
            content: "The KPIs are shown",
            trigger: ".o_dashboard .o-dashboard-action .o_kanban_view",
        },
        {
            content: "The jobs in the dashboard's own short list",
            trigger: ".o_dashboard .o-dashboard-action .o_pm_dashboard_list",
        },
        {
            content: "Nothing is cut off: no board wider than its column",
            isActive: ["desktop"],
            trigger: ".o_dashboard .o-dashboard-column",
            run() {
                for (const column of document.querySelectorAll(".o_dashboard .o-dashboard-column")) {
                    if (column.scrollWidth > column.clientWidth + 1) {
                        throw new Error(
                            `A dashboard column overflows: ${column.scrollWidth} > ${column.clientWidth}`
                        );
                    }
                }
            },
        },
    ],
});
