from odoo import api, fields, models
from odoo.exceptions import UserError


class PmSurveyCampaign(models.Model):
    """A periodic satisfaction survey (定期满意度调查): one Odoo survey sent to
    the owners of an estate or some of its buildings for a period; the
    answers stay attached to the campaign so periods can be compared."""

    _name = "pm.survey.campaign"
    _description = "Satisfaction Survey Campaign"
    _inherit = ["mail.thread"]
    _order = "date desc, id desc"

    name = fields.Char(required=True, tracking=True)
    period = fields.Char(required=True, help="The period it measures, e.g. 2026 Q3.")
    survey_id = fields.Many2one("survey.survey", string="Survey", required=True)
    estate_id = fields.Many2one("pm.estate", required=True, index=True)
    building_ids = fields.Many2many(
        "pm.building",
        string="Buildings",
        domain="[('estate_id', '=', estate_id)]",
        help="Leave empty to ask the whole estate.",
    )
    company_id = fields.Many2one(
        related="estate_id.company_id", store=True, index=True, precompute=True
    )
    date = fields.Date(required=True, default=fields.Date.context_today)
    deadline = fields.Datetime(string="Answer Before")
    state = fields.Selection(
        string="Status",
        selection=[("draft", "Draft"), ("sent", "Sent"), ("closed", "Closed")],
        default="draft",
        required=True,
        tracking=True,
    )
    answer_ids = fields.One2many("survey.user_input", "pm_campaign_id", string="Answers")
    invited_count = fields.Integer(compute="_compute_counts")
    completed_count = fields.Integer(compute="_compute_counts")
    response_rate = fields.Float(
        compute="_compute_counts", digits=(5, 1), string="Response Rate (%)"
    )

    @api.depends("answer_ids.state")
    def _compute_counts(self):
        data = {
            (campaign, state): count
            for campaign, state, count in self.env["survey.user_input"]._read_group(
                [("pm_campaign_id", "in", self.ids)],
                ["pm_campaign_id", "state"],
                ["__count"],
            )
        }
        for campaign in self:
            invited = sum(count for (c, _s), count in data.items() if c == campaign)
            done = data.get((campaign, "done"), 0)
            campaign.invited_count = invited
            campaign.completed_count = done
            campaign.response_rate = 100.0 * done / invited if invited else 0.0

    def _get_units(self):
        self.ensure_one()
        domain = [("estate_id", "=", self.estate_id.id)]
        if self.building_ids:
            domain = [("building_id", "in", self.building_ids.ids)]
        return self.env["pm.unit"].sudo().search(domain)

    def _get_invitations(self):
        """[(owner, unit)]: each current owner once, with one of their units in
        the campaign's scope (the place their answers are counted for)."""
        self.ensure_one()
        occupants = (
            self.env["pm.unit.occupant"]
            .sudo()
            .search(
                [("unit_id", "in", self._get_units().ids), ("role", "in", ("owner", "co_owner"))],
                order="unit_id",
            )
        )
        seen, invitations = set(), []
        for occupant in occupants:
            if occupant.partner_id not in seen:
                seen.add(occupant.partner_id)
                invitations.append((occupant.partner_id, occupant.unit_id))
        return invitations

    def action_send(self):
        template = self.env.ref("survey.mail_template_user_input_invite")
        for campaign in self:
            if campaign.state != "draft":
                raise UserError(self.env._("Campaign “%s” has already been sent.", campaign.name))
            invitations = campaign._get_invitations()
            if not invitations:
                raise UserError(self.env._("No owner to ask in the estate or buildings chosen."))
            survey = campaign.survey_id.sudo()
            answers = self.env["survey.user_input"]
            for partner, unit in invitations:
                answers |= survey._create_answer(
                    partner=partner,
                    check_attempts=False,
                    deadline=campaign.deadline,
                    pm_campaign_id=campaign.id,
                    pm_unit_id=unit.id,
                )
            invite = (
                self.env["survey.invite"]
                .sudo()
                .create(
                    {
                        "survey_id": survey.id,
                        "template_id": template.id,
                        "deadline": campaign.deadline,
                    }
                )
            )
            for answer in answers.filtered(lambda a: a.partner_id.email):
                mail = invite.with_context(lang=answer.partner_id.lang)._send_mail(answer)
                # Tied to the answer, a failed invitation is tried again.
                mail.write({"model": answer._name, "res_id": answer.id})
            campaign.state = "sent"
            self.env["mail.mail"]._pm_process_queue_soon()
            campaign.message_post(
                body=self.env._("Survey sent to %s owners.", len(answers)),
                subtype_xmlid="mail.mt_note",
            )
        return True

    def action_close(self):
        self.write({"state": "closed"})
        return True

    def action_view_results(self):
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "pm_aftersales.pm_survey_result_action"
        )
        action["domain"] = [("campaign_id", "in", self.ids)]
        return action
