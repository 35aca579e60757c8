import { Component } from "@odoo/owl";
import { formatDateTime } from "@web/views/fields/formatters";
import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";
import { standardFieldProps } from "@web/views/fields/standard_field_props";
import { describeDeadline, STATUS_CLASSES, useMinuteClock } from "./time_left";

/**
 * The deciding deadline of a job as the time left (or overdue) with the
 * kind of the limit: "Arrival on Site 12 min left", red when late, orange
 * when at risk; computed in the browser and refreshed every minute.
 *
 * Options: kind_field (a selection field naming the limit), at_risk_field
 * (a datetime from which the limit is at risk).
 */
export class DeadlineLeftField extends Component {
    static template = "pm_aftersales.DeadlineLeftField";
    static props = {
        ...standardFieldProps,
        kindField: { type: String, optional: true },
        atRiskField: { type: String, optional: true },
    };

    setup() {
        this.clock = useMinuteClock();
    }

    get deadline() {
        return this.props.record.data[this.props.name];
    }

    get kind() {
        const field = this.props.kindField;
        const value = field && this.props.record.data[field];
        if (!value) {
            return "";
        }
        const selection = this.props.record.fields[field].selection || [];
        return (selection.find(([code]) => code === value) || [value, value])[1];
    }

    get info() {
        const atRisk = this.props.atRiskField && this.props.record.data[this.props.atRiskField];
        const info = describeDeadline(this.deadline, atRisk, this.clock.now, this.kind);
        return {
            ...info,
            className: STATUS_CLASSES[info.status],
            title: _t("Deadline: %(deadline)s", { deadline: formatDateTime(this.deadline, { showSeconds: false }) }),
        };
    }
}

export const deadlineLeftField = {
    component: DeadlineLeftField,
    displayName: _t("Time Left"),
    supportedTypes: ["datetime"],
    fieldDependencies: ({ options }) => [
        ...(options.kind_field ? [{ name: options.kind_field, type: "selection" }] : []),
        ...(options.at_risk_field ? [{ name: options.at_risk_field, type: "datetime" }] : []),
    ],
    extractProps: ({ options }) => ({
        kindField: options.kind_field,
        atRiskField: options.at_risk_field,
    }),
};

registry.category("fields").add("pm_deadline_left", deadlineLeftField);
