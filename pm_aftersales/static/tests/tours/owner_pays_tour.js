/**
 * The owner on a phone accepts a job's quote with Odoo's signature
 * (pm_aftersales_owner_accepts_quote), then, the job done, pays its invoice
 * online through the payment provider (pm_aftersales_owner_pays_invoice).
 * Data: pm_aftersales/tests/billing/test_billing_tour.py.
 */
import { registry } from "@web/core/registry";
import { noSideScroll } from "./pm_tour_utils";

registry.category("web_tour.tours").add("pm_aftersales_owner_accepts_quote", {
    steps: () => [
        {
            content: "The job says it is chargeable, and why",
            trigger: ".o_pm_billing_card .o_pm_charge_reason:contains(Out of Warranty)",
        },
        {
            content: "Open the quote",
            trigger: ".o_pm_billing_card .o_pm_open_quote",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Odoo's portal quotation: accept and sign",
            trigger: "a[data-bs-target='#modalaccept']:visible",
            run: "click",
        },
        {
            content: "The signature is drawn from the name",
            trigger: ".modal canvas.o_web_sign_signature",
            run: "canvasNotEmpty",
        },
        {
            content: "Sign",
            trigger: ".modal .o_portal_sign_submit:enabled",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The quote is accepted",
            trigger: "#quote_content:contains(Thank You)",
        },
        noSideScroll(),
    ],
});

registry.category("web_tour.tours").add("pm_aftersales_owner_pays_invoice", {
    steps: () => [
        {
            content: "The job is to pay",
            trigger: ".o_pm_billing_card .o_pm_billing_state:contains(To Pay)",
        },
        {
            content: "Pay online",
            trigger: ".o_pm_billing_card .o_pm_pay_invoice",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The payment dialog opens on the invoice",
            trigger: "#pay_with.show button[name=o_payment_submit_button]",
        },
        {
            content: "Pay with the provider",
            trigger: "#pay_with.show button[name=o_payment_submit_button]:enabled",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The payment is done",
            trigger: "body:contains(Your payment has been processed)",
        },
    ],
});
