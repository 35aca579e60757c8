/**
 * The technician does a patrol round on his phone (390 px): from his rounds
 * he starts the round; at each check-point his camera films the place's QR
 * label (Odoo's scanner reads it), he answers the checklist (all in order)
 * and the next point opens by itself; after the last one the round is done.
 * Nothing may scroll sideways.
 * Data: pm_aftersales/tests/patrol/test_patrol_tour.py.
 */
import { registry } from "@web/core/registry";
import { assertNoHorizontalScroll, filmLabel, tapScan } from "./pm_tour_utils";

const ROUTE = "Tour: night round";

function point(name, content) {
    return [
        {
            content: `The check-point ${name} opens, to be scanned`,
            trigger: `.modal .o_pm_patrol_point_form:has(.o_field_widget[name=place_name]:contains(${name})) .o_pm_qr_scan_button`,
        },
        assertNoHorizontalScroll(`The check-point ${name} fits the screen`),
        filmLabel("pm.public.area", [["name", "=", name]], `At ${name}, the camera films its label`),
        ...tapScan(content, ".modal .o_pm_patrol_point_form"),
        {
            content: `Scanned: ${name} is answered`,
            trigger: `.modal .o_pm_patrol_point_form:has(.o_field_widget[name=place_name]:contains(${name})) .o_pm_patrol_ok:enabled`,
            run: "click",
        },
    ];
}

registry.category("web_tour.tours").add("pm_aftersales_technician_round", {
    steps: () => [
        {
            content: "His rounds: the round of the night, to start",
            trigger: `.o_pm_patrol_kanban .o_kanban_record:contains(${ROUTE}) .o_pm_patrol_go`,
        },
        assertNoHorizontalScroll("His rounds fit the screen"),
        {
            content: "Open the round",
            trigger: `.o_pm_patrol_kanban .o_kanban_record:contains(${ROUTE})`,
            run: "click",
        },
        {
            content: "Start the round",
            trigger: ".o_pm_patrol_round_form .o_pm_patrol_start:enabled",
            run: "click",
        },
        ...point("Tour gate", "Scan the gate's label"),
        ...point("Tour car park", "Scan the car park's label"),
        {
            content: "The last point answered: the round is done, on time",
            trigger: "body:not(:has(.modal)) .o_pm_patrol_round_form:not(:has(.o_pm_next_step)):has(.badge.text-bg-success)",
        },
    ],
});
