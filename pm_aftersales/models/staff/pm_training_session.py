from odoo import api, fields, models
from odoo.exceptions import UserError


class PmTrainingSession(models.Model):
    """One session of a course: trainer, date, attendees, attendance and
    each attendee's assessment."""

    _name = "pm.training.session"
    _description = "Training Session"
    _inherit = ["mail.thread"]
    _order = "date desc, id desc"

    name = fields.Char(compute="_compute_name", store=True)
    course_id = fields.Many2one("pm.training.course", required=True, index=True)
    plan_id = fields.Many2one("pm.training.plan", index=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    trainer_id = fields.Many2one("hr.employee", string="Trainer")
    external_trainer = fields.Char()
    date = fields.Date(required=True, default=fields.Date.context_today, index=True)
    location = fields.Char()
    state = fields.Selection(
        [("planned", "Planned"), ("done", "Done"), ("cancelled", "Cancelled")],
        string="Status",
        default="planned",
        required=True,
        tracking=True,
    )
    attendance_ids = fields.One2many("pm.training.attendance", "session_id", string="Attendees")
    attendee_count = fields.Integer(compute="_compute_counts")
    present_count = fields.Integer(compute="_compute_counts")

    @api.depends("course_id.name", "date")
    def _compute_name(self):
        for session in self:
            session.name = f"{session.course_id.name or ''} {session.date or ''}".strip()

    @api.depends("attendance_ids.attended")
    def _compute_counts(self):
        for session in self:
            session.attendee_count = len(session.attendance_ids)
            session.present_count = len(session.attendance_ids.filtered("attended"))

    def action_add_team(self):
        """Invite every member of the plan's team not invited yet."""
        for session in self:
            employees = session.plan_id.team_id.user_ids.employee_id
            new = employees - session.attendance_ids.employee_id
            session.attendance_ids = [
                fields.Command.create({"employee_id": employee.id}) for employee in new
            ]

    def action_done(self):
        for session in self:
            if not session.attendance_ids:
                raise UserError(self.env._("Session %s has no attendee.", session.name))
        self.state = "done"
        self.attendance_ids.filtered("passed")._grant_trades()

    def action_cancel(self):
        self.state = "cancelled"
