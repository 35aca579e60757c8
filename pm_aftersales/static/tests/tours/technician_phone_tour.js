/**
 * The technician on his phone (390 px): he lands on his jobs of the day,
 * sees the place and can call the owner from the card, opens the job and
 * completes it with the big next-step button, in at most 6 taps after
 * opening it, typing aside:
 *   1 accept, 2 check in (scanning the unit's QR label), 3-4 the failure cause (open the choices, pick
 *   one), 5 a photo (the camera button; the shutter is the camera's),
 *   6 complete.
 * The taps are counted (clicks on buttons, links and menus; a photo counts
 * one) and nothing may scroll sideways.
 * Data: pm_aftersales/tests/test_tours.py.
 */
import { registry } from "@web/core/registry";
import {
    assertNoHorizontalScroll,
    clickNextStep,
    filmLabel,
    pickSelection,
    tapScan,
    uploadFile,
} from "./pm_tour_utils";

const JOB = "Tour: running toilet cistern";
const MAX_TAPS = 6;

function countTaps() {
    return {
        content: "Count the taps from here",
        trigger: ".o_pm_technician_form",
        run() {
            window.pmTaps = 0;
            window.pmTapCounter = (ev) => {
                const target = ev.target.closest("button, a, .o_select_menu_item, .o_select_menu_toggler");
                if (target && !target.closest("textarea, input")) {
                    window.pmTaps++;
                }
            };
            document.addEventListener("click", window.pmTapCounter, true);
        },
    };
}

registry.category("web_tour.tours").add("pm_aftersales_technician_phone", {
    steps: () => [
        {
            content: "After login he lands on his jobs: cards, no empty column, no New button",
            trigger: ".o_action_manager .o_pm_technician_kanban:not(:has(.o_kanban_group)):not(:has(.o-kanban-button-new))",
        },
        {
            content: "The card shows the place and a call button for the owner",
            trigger: `.o_kanban_record:contains(${JOB}):contains(T-803):has(a.o_pm_call_owner[href="tel:138 0013 8000"])`,
        },
        assertNoHorizontalScroll("His jobs fit the screen"),
        {
            content: "Open the job",
            trigger: `.o_kanban_record:contains(${JOB}) .o_pm_card_place`,
            run: "click",
        },
        {
            content: "The job form: the place, the address and the owner's phone",
            trigger: ".o_pm_technician_form:has(.o_field_widget[name=place_address]:contains(Lake Road 1)):has(.o_pm_call a[href^='tel:'])",
        },
        {
            content: "What he may not change is read-only",
            trigger: ".o_pm_technician_form:has(.o_field_widget.o_readonly_modifier[name=ticket_type_id]):has(.o_field_widget.o_readonly_modifier[name=category_id])",
        },
        countTaps(),
        assertNoHorizontalScroll("The job fits the screen"),
        clickNextStep("action_take_job", "Tap 1: accept the job"),
        filmLabel("pm.unit", [["name", "=", "T-803"]], "On site, his camera films the unit's QR label"),
        ...tapScan("Tap 2: check in on site by scanning the label", ".o_pm_technician_form"),
        {
            content: "On site: the next step is the completion",
            trigger: ".o_pm_technician_form .o_pm_next_step:has(button[name=action_complete])",
        },
        ...pickSelection(".o_field_widget[name=failure_cause_id]", "Wear and Ageing"),
        {
            content: "Type the work done (typing aside)",
            trigger: ".o_field_widget[name=work_done] textarea",
            run: "edit Flush valve seal replaced.",
        },
        {
            content: "The photo button opens the back camera",
            trigger: ".o_field_widget[name=photo_after_ids] input[type=file][capture=environment][accept='image/*']:not(:visible)",
        },
        {
            content: "Tap 5: take a photo (the camera hands it over)",
            trigger: ".o_field_widget[name=photo_after_ids] .o_pm_take_photo",
            run() {
                window.pmTaps++;
            },
        },
        uploadFile(".o_field_widget[name=photo_after_ids]", "cistern_after.png"),
        {
            content: "The photo is uploaded",
            trigger: ".o_field_widget[name=photo_after_ids] .o_attachment:contains(cistern_after.png)",
        },
        assertNoHorizontalScroll("The work fits the screen"),
        clickNextStep("action_complete", "Tap 6: complete the job"),
        {
            content: "Done: the owner is asked to accept",
            trigger: ".o_pm_technician_form .o_field_widget[name=service_state]:contains(Awaiting Acceptance)",
        },
        {
            content: `At most ${MAX_TAPS} taps`,
            trigger: ".o_pm_technician_form",
            run() {
                document.removeEventListener("click", window.pmTapCounter, true);
                if (window.pmTaps > MAX_TAPS) {
                    throw new Error(`${window.pmTaps} taps to complete the job (at most ${MAX_TAPS})`);
                }
            },
        },
        assertNoHorizontalScroll("Still nothing wider than the screen"),
    ],
});
