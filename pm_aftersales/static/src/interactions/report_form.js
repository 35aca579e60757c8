import { Interaction } from "@web/public/interaction";
import { registry } from "@web/core/registry";
import { _t } from "@web/core/l10n/translation";

/**
 * Report form of the owner portal: refuse too many or too large files as soon
 * as they are chosen, before a long upload from a phone. The server checks
 * the same limits (and the file types) again.
 */
export class PmReportForm extends Interaction {
    static selector = ".o_pm_report_form";
    dynamicContent = {
        "input[name=attachments]": { "t-on-change": this.onFilesChange },
    };

    onFilesChange(ev) {
        const input = ev.currentTarget;
        const maxMb = parseInt(input.dataset.maxMb);
        const maxFiles = parseInt(input.dataset.maxFiles);
        const errors = [];
        if (input.files.length > maxFiles) {
            errors.push(_t("Attach at most %s files.", maxFiles));
        }
        for (const file of input.files) {
            if (file.size > maxMb * 1024 * 1024) {
                errors.push(
                    _t("“%(name)s” is larger than %(size)s MB: send a smaller photo or a shorter video.", {
                        name: file.name,
                        size: maxMb,
                    })
                );
            }
        }
        const box = this.el.querySelector(".o_pm_file_errors");
        box.textContent = errors.join(" ");
        box.classList.toggle("d-none", !errors.length);
        input.setCustomValidity(errors.join(" "));
    }
}

registry.category("public.interactions").add("pm_aftersales.report_form", PmReportForm);
