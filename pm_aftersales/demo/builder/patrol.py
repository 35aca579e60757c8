from datetime import timedelta

from odoo import api, fields, models


class PmDemoBuilder(models.AbstractModel):
    """Demo history of the patrol rounds (巡检): past rounds done through the
    real scans and buttons, then given the times of their history: a night
    round done on time, a night round whose last points were missed (closed
    and escalated to the engineering supervisor), a fire-exit round where a
    fire door did not close (a repair job opened). Then the rounds of the
    coming day are planned. Called by demo/pm_patrol_demo.xml."""

    _inherit = "pm.demo.builder"

    @api.model
    def _build_patrol(self):
        ref = self.env.ref
        night = ref("pm_aftersales.patrol_route_night_security")
        fire = ref("pm_aftersales.patrol_route_fire_exits")
        patroller = ref("pm_aftersales.user_tech_09")
        tech = ref("pm_aftersales.user_tech")
        Round = self.env["pm.patrol.round"].with_context(mail_create_nolog=True)
        # the routes start three days ago, to the hour: the slots below are theirs
        on_time = Round.create(night._prepare_round_vals(night.first_start + timedelta(hours=24)))
        self._demo_patrol_do(on_time, patroller, delays=(2, 3, 1, 4))
        missed = Round.create(night._prepare_round_vals(night.first_start + timedelta(hours=48)))
        self._demo_patrol_do(missed, patroller, delays=(1, 6))
        finding = Round.create(fire._prepare_round_vals(fire.first_start + timedelta(days=2)))
        self._demo_patrol_do(
            finding,
            tech,
            delays=(3, 2, 5, 2),
            problems={2: ("防火门闭合良好", "2号楼 12 层防火门闭门器损坏，门无法自动关闭")},
        )
        # the round with missed points is closed at its deadline and escalated
        now = fields.Datetime.now()
        missed._pm_close_overdue(now)
        missed._escalate()
        (night | fire)._pm_plan_rounds(now)
        return True

    @api.model
    def _demo_patrol_do(self, round_, user, delays, problems=None):
        """``user`` scans the first points of ``round_`` (as many as
        ``delays``, each so many minutes after its expected time) and answers
        them: OK, or the problem of ``problems`` {sequence: (check, note)}.
        The scans and answers then get the times of their history."""
        problems = problems or {}
        lines = round_.line_ids.sorted("sequence")[: len(delays)]
        for line, delay in zip(lines, delays, strict=True):
            place = line.equipment_id or line.public_area_id
            line.with_user(user).action_pm_scan(place._pm_qr_code())
            line.sudo().scan_date = line.expected_date + timedelta(minutes=delay)
            problem = problems.get(line.sequence)
            for check in line.check_ids:
                if problem and check.name == problem[0]:
                    check.with_user(user).write({"result": "failed", "note": problem[1]})
                else:
                    check.with_user(user).result = "ok"
            if problem:
                line.with_user(user).action_pm_point_failed()
            else:
                line.with_user(user).action_pm_point_ok()
        scans = lines.mapped("scan_date")
        vals = {"start_date": min(scans)}
        if round_.state == "done":
            vals["done_date"] = max(scans) + timedelta(minutes=1)
        round_.sudo().write(vals)
        return round_
