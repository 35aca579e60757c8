/**
 * Photos of a job taken with the phone's camera: the many2many_binary field
 * whose button opens the back camera on a phone (capture="environment", images
 * only) and the file chooser on a desktop, which ignores capture.
 */
import { useEffect, useRef } from "@odoo/owl";
import { registry } from "@web/core/registry";
import {
    Many2ManyBinaryField,
    many2ManyBinaryField,
} from "@web/views/fields/many2many_binary/many2many_binary_field";

export class PmPhotoCaptureField extends Many2ManyBinaryField {
    static template = "pm_aftersales.PhotoCaptureField";

    setup() {
        super.setup();
        this.root = useRef("root");
        useEffect(
            (root) => {
                for (const input of root?.querySelectorAll("input[type=file]") || []) {
                    input.setAttribute("capture", "environment");
                }
            },
            () => [this.root.el, this.props.readonly]
        );
    }
}

export const pmPhotoCaptureField = {
    ...many2ManyBinaryField,
    component: PmPhotoCaptureField,
    extractProps: (fieldInfo, dynamicInfo) => ({
        ...many2ManyBinaryField.extractProps(fieldInfo, dynamicInfo),
        acceptedFileExtensions: fieldInfo.options.accepted_file_extensions || "image/*",
    }),
};

registry.category("fields").add("pm_photo_capture", pmPhotoCaptureField);
