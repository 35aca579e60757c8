from datetime import timedelta

from odoo import api, fields, models


class PmDemoBuilder(models.AbstractModel):
    """Demo history of the maintenance plans: past rounds done with their
    checklist (one check failed and opened a repair job), then the requests
    generated up to each plan's horizon. Called by demo/pm_equipment_demo.xml."""

    _inherit = "pm.demo.builder"

    @api.model
    def _build_maintenance_history(self):
        ref = self.env.ref
        today = fields.Date.context_today(self)
        done = self.env["maintenance.stage"].search([("done", "=", True)], limit=1)
        Request = self.env["maintenance.request"]
        failing = ref("pm_aftersales.equipment_pump_1")
        for plan, days_ago in (
            (ref("pm_aftersales.plan_lift"), (30, 15)),
            (ref("pm_aftersales.plan_pump"), (14, 7)),
        ):
            for equipment in plan._pm_get_targets()[plan]:
                for days in days_ago:
                    request = Request.create(
                        plan._prepare_pm_request_vals(equipment, today - timedelta(days=days))
                    )
                    for check in request.pm_check_ids:
                        if equipment == failing and days == 7 and check.sequence == 20:
                            check.write({"result": "failed", "note": "机械密封渗漏，泵底座有积水"})
                        else:
                            check.result = "ok"
                    request.stage_id = done
        # The repair opened by the failed check waits for its seal, reserved.
        repair = self.env["helpdesk.ticket"].search(
            [("equipment_id", "=", failing.id), ("maintenance_request_id", "!=", False)], limit=1
        )
        self.env["pm.ticket.part"].create(
            {"ticket_id": repair.id, "product_id": ref("pm_aftersales.part_pump_seal").id}
        )
        repair.action_confirm_parts()
        plans = self.env["maintenance.plan"].search(
            [("pm_estate_id", "=", ref("pm_aftersales.estate_cuihu").id)]
        )
        plans._pm_generate_requests()
        return True
