/**
 * Scan a place's QR label (二维码) from a form: a big button that opens
 * Odoo's camera barcode scanner (web's BarcodeDialog, as the barcodes app's
 * mobile scanner does); a hardware scanner (the barcodes service) works too.
 * The scanned code goes to the record's method named in the options:
 *   <field name="pm_scan_code" widget="pm_qr_scan" options="{'method': 'action_pm_scan'}"/>
 * The record is saved first, the method is called with the code, its action
 * (if any) is run and the record reloaded. The server checks the code.
 */
import { Component, useState } from "@odoo/owl";
import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";
import { scanBarcode } from "@web/core/barcode/barcode_dialog";
import { isBarcodeScannerSupported } from "@web/core/barcode/barcode_video_scanner";
import { useBus, useService } from "@web/core/utils/hooks";
import { standardFieldProps } from "@web/views/fields/standard_field_props";

export class PmQrScanField extends Component {
    static template = "pm_aftersales.QrScanField";
    static props = {
        ...standardFieldProps,
        method: { type: String },
        label: { type: String, optional: true },
        hardware: { type: Boolean, optional: true },
    };

    setup() {
        this.orm = useService("orm");
        this.action = useService("action");
        this.notification = useService("notification");
        this.state = useState({ busy: false });
        this.cameraSupported = isBarcodeScannerSupported();
        const barcode = this.env.services.barcode;
        if (barcode && this.props.hardware) {
            useBus(barcode.bus, "barcode_scanned", (ev) => this.submit(ev.detail.barcode));
        }
    }

    async onClickScan() {
        let code = null;
        try {
            code = await scanBarcode(this.env);
        } catch (error) {
            this.notification.add(error.message || _t("Please, scan again!"), { type: "warning" });
            return;
        }
        if (code) {
            if ("vibrate" in window.navigator) {
                window.navigator.vibrate(100);
            }
            await this.submit(code);
        }
    }

    async submit(code) {
        if (this.state.busy) {
            return;
        }
        const record = this.props.record;
        this.state.busy = true;
        try {
            if (record.isNew || record.dirty) {
                if (!(await record.save())) {
                    return;
                }
            }
            const result = await this.orm.call(record.resModel, this.props.method, [
                [record.resId],
                code,
            ], { context: record.context });
            if (result && typeof result === "object") {
                await this.action.doAction(result, { onClose: () => record.model.load() });
            }
            if (record.model.root && !record.model.root.isNew) {
                await record.model.load();
            }
        } finally {
            if (this.state) {
                this.state.busy = false;
            }
        }
    }
}

export const pmQrScanField = {
    component: PmQrScanField,
    displayName: _t("QR label scanner"),
    supportedTypes: ["char"],
    extractProps: ({ options, string }) => ({
        method: options.method,
        label: string,
        hardware: options.hardware !== false,
    }),
};

registry.category("fields").add("pm_qr_scan", pmQrScanField);
