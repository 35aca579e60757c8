import { _t } from "@web/core/l10n/translation";
import { onWillUnmount, reactive, useState } from "@odoo/owl";

const { DateTime } = luxon;

// One clock for all the components showing a time left (a list shows dozens).
const clock = reactive({ now: DateTime.now() });
let clockUsers = 0;
let clockInterval = null;

/**
 * The shared clock of the components showing the time left: its `now`
 * changes every minute, so they render again.
 */
export function useMinuteClock() {
    if (!clockUsers++) {
        clock.now = DateTime.now();
        clockInterval = setInterval(() => (clock.now = DateTime.now()), 60000);
    }
    onWillUnmount(() => {
        if (!--clockUsers) {
            clearInterval(clockInterval);
        }
    });
    return useState(clock);
}

/**
 * A duration in days, hours and minutes, as a dispatcher reads it: "12 min",
 * "1 h 5 min", "2 d 3 h".
 *
 * @param {number} minutes whole minutes, positive
 * @returns {string}
 */
export function formatDuration(minutes) {
    const days = Math.floor(minutes / 1440);
    const hours = Math.floor((minutes % 1440) / 60);
    const mins = minutes % 60;
    if (days) {
        return hours
            ? _t("%(days)s d %(hours)s h", { days, hours })
            : _t("%(days)s d", { days });
    }
    if (hours) {
        return mins
            ? _t("%(hours)s h %(minutes)s min", { hours, minutes: mins })
            : _t("%(hours)s h", { hours });
    }
    return _t("%(minutes)s min", { minutes: mins });
}

/**
 * Where a deadline stands at `now`: late, at risk or running, and the text
 * of the time left or overdue, with the kind of the limit if given.
 *
 * @param {DateTime} deadline
 * @param {DateTime|false} atRisk when the limit becomes at risk
 * @param {DateTime} now
 * @param {string} [kind] label of the limit (Response, Arrival on Site, ...)
 * @returns {{status: "late"|"at_risk"|"running", text: string}}
 */
export function describeDeadline(deadline, atRisk, now, kind) {
    const diff = deadline.diff(now, "minutes").minutes;
    const late = diff < 0;
    // late by 20 s reads "1 min late"; 12 min 40 s left reads "12 min left"
    const minutes = late ? Math.max(1, Math.ceil(-diff)) : Math.floor(diff);
    const time = formatDuration(minutes);
    let text;
    if (kind) {
        text = late
            ? _t("%(kind)s %(time)s late", { kind, time })
            : _t("%(kind)s %(time)s left", { kind, time });
    } else {
        text = late ? _t("%(time)s late", { time }) : _t("%(time)s left", { time });
    }
    let status = "running";
    if (late) {
        status = "late";
    } else if (atRisk && atRisk <= now) {
        status = "at_risk";
    }
    return { status, text };
}

export const STATUS_CLASSES = {
    late: "text-bg-danger",
    at_risk: "text-bg-warning",
    running: "text-bg-light",
};
