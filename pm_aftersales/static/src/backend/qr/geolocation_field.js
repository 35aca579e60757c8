/**
 * "Use My Position": fills the record's latitude, longitude and accuracy
 * from the phone's GPS (navigator.geolocation), for the check-in by position.
 *   <field name="latitude" widget="pm_geolocation"
 *          options="{'longitude': 'longitude', 'accuracy': 'accuracy'}"/>
 */
import { Component, useState } from "@odoo/owl";
import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";
import { standardFieldProps } from "@web/views/fields/standard_field_props";

export class PmGeolocationField extends Component {
    static template = "pm_aftersales.GeolocationField";
    static props = {
        ...standardFieldProps,
        longitudeField: { type: String },
        accuracyField: { type: String, optional: true },
    };

    setup() {
        this.notification = useService("notification");
        this.state = useState({ busy: false });
    }

    get located() {
        const data = this.props.record.data;
        return Boolean(data[this.props.name] || data[this.props.longitudeField]);
    }

    onClick() {
        if (!navigator.geolocation) {
            this.notification.add(_t("This browser cannot tell the phone's position."), {
                type: "warning",
            });
            return;
        }
        this.state.busy = true;
        navigator.geolocation.getCurrentPosition(
            async (position) => {
                const values = {
                    [this.props.name]: position.coords.latitude,
                    [this.props.longitudeField]: position.coords.longitude,
                };
                if (this.props.accuracyField) {
                    values[this.props.accuracyField] = position.coords.accuracy;
                }
                await this.props.record.update(values);
                this.state.busy = false;
            },
            (error) => {
                this.state.busy = false;
                this.notification.add(
                    _t("The position is not available (%s): allow the browser to locate the phone, or give a reason.", error.message),
                    { type: "warning" }
                );
            },
            { enableHighAccuracy: true, timeout: 20000, maximumAge: 60000 }
        );
    }
}

export const pmGeolocationField = {
    component: PmGeolocationField,
    displayName: _t("Phone position"),
    supportedTypes: ["float"],
    extractProps: ({ options }) => ({
        longitudeField: options.longitude,
        accuracyField: options.accuracy,
    }),
};

registry.category("fields").add("pm_geolocation", pmGeolocationField);
