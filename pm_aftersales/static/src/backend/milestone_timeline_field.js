import { Component } from "@odoo/owl";
import { formatDateTime } from "@web/views/fields/formatters";
import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";
import { standardFieldProps } from "@web/views/fields/standard_field_props";
import { describeDeadline, STATUS_CLASSES, useMinuteClock } from "./time_left";

// badge of each status of a milestone (pm.ticket.milestone's status)
const BADGES = {
    pending: "text-bg-light",
    running: "text-bg-info",
    at_risk: "text-bg-warning",
    late: "text-bg-danger",
    paused: "text-bg-secondary",
    met: "text-bg-success",
    missed: "text-bg-danger",
    cancelled: "text-bg-light",
};

/**
 * The time limits of a job as a timeline, in the order of the workflow
 * (response, arrival, completion, follow-up visit): each step with its
 * deadline, its status, and the time left while it runs or the time it was
 * met. Fields read from the inline list: sequence, milestone_type,
 * deadline, at_risk_date, reached_date, status.
 */
export class MilestoneTimelineField extends Component {
    static template = "pm_aftersales.MilestoneTimelineField";
    static props = { ...standardFieldProps };

    setup() {
        this.clock = useMinuteClock();
    }

    label(record, fname) {
        const value = record.data[fname];
        const selection = record.fields[fname].selection || [];
        return (selection.find(([code]) => code === value) || [value, value || ""])[1];
    }

    get steps() {
        const records = [...this.props.record.data[this.props.name].records];
        records.sort((a, b) => a.data.sequence - b.data.sequence);
        return records.map((record) => {
            const { deadline, at_risk_date, reached_date, status } = record.data;
            const step = {
                id: record.id,
                kind: this.label(record, "milestone_type"),
                status,
                statusLabel: this.label(record, "status"),
                badge: BADGES[status] || "text-bg-light",
                deadline: deadline ? formatDateTime(deadline, { showSeconds: false }) : "",
                reached: reached_date ? formatDateTime(reached_date, { showSeconds: false }) : "",
                left: "",
            };
            if (deadline && ["running", "at_risk", "late"].includes(status)) {
                const info = describeDeadline(deadline, at_risk_date, this.clock.now);
                step.left = info.text;
                step.leftClass = STATUS_CLASSES[info.status];
            }
            return step;
        });
    }
}

export const milestoneTimelineField = {
    component: MilestoneTimelineField,
    displayName: _t("Time-Limit Timeline"),
    supportedTypes: ["one2many"],
};

registry.category("fields").add("pm_milestone_timeline", milestoneTimelineField);
