/**
 * The owner on a phone opens "How We Tell You" from the portal home, chooses
 * SMS only and saves (pm_aftersales_owner_chooses_sms); then urges a late
 * job from its page (pm_aftersales_owner_urges).
 * Data: pm_aftersales/tests/notify/test_notify_tour.py.
 */
import { registry } from "@web/core/registry";
import { noSideScroll } from "./pm_tour_utils";

registry.category("web_tour.tours").add("pm_aftersales_owner_chooses_sms", {
    steps: () => [
        {
            content: "The portal home leads to how we tell the owner",
            trigger: "a[href='/my/notify']",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Automatic is the owner's channel at first",
            trigger: "#pm_channel_auto:checked",
        },
        noSideScroll(),
        {
            content: "Choose SMS only",
            trigger: "label[for='pm_channel_sms']",
            run: "click",
        },
        {
            content: "Save",
            trigger: ".o_pm_notify_save",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Saved, and SMS is the choice",
            trigger: ".o_pm_notify_saved:visible",
        },
        {
            content: "SMS is checked after the reload",
            trigger: "#pm_channel_sms:checked",
        },
    ],
});

registry.category("web_tour.tours").add("pm_aftersales_owner_urges", {
    steps: () => [
        {
            content: "The open job offers to urge",
            trigger: ".o_pm_urge .o_pm_urge_button",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The urge is passed on",
            trigger: "#card_body .alert-success:contains(passed on your urge)",
        },
        {
            content: "No second urge within the hour",
            trigger: ".o_pm_urge:not(:has(.o_pm_urge_button))",
        },
        noSideScroll(),
    ],
});
