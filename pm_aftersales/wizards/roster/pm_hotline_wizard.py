from odoo import api, fields, models


class PmHotlineWizard(models.TransientModel):
    """The hotline shows who is on duty now: the duty manager, the hotline
    and the crews' technicians (for the caller's estate once it is known)."""

    _inherit = "pm.hotline.wizard"

    pm_on_duty_ids = fields.Many2many(
        "pm.duty.shift", compute="_compute_pm_on_duty_ids", string="On Duty Now"
    )

    @api.depends("unit_id", "public_area_id")
    def _compute_pm_on_duty_ids(self):
        Shift = self.env["pm.duty.shift"]
        shifts = Shift.search(Shift._pm_on_duty_domain(company=self.env.company))
        order = {code: index for index, (code, _label) in enumerate(self._pm_duty_order())}
        shifts = shifts.sorted(lambda s: (order.get(s.duty_type, 9), s.team_id.name or "", s.id))
        for wizard in self:
            estate = wizard.unit_id.estate_id or wizard.public_area_id.estate_id
            wizard.pm_on_duty_ids = (
                shifts.filtered(lambda s, e=estate: not s.estate_id or s.estate_id == e)
                if estate
                else shifts
            )

    def _pm_duty_order(self):
        return [("manager", 0), ("hotline", 1), ("crew", 2)]
