from odoo import fields, models


class HelpdeskTicketTeam(models.Model):
    """Dispatch by the duty roster: whoever is on a repair duty shift of the
    crew comes first, and an urgent job goes to him at once, whatever the
    crew's dispatch mode; with nobody on duty the duty manager is told at
    once."""

    _inherit = "helpdesk.ticket.team"

    pm_use_roster = fields.Boolean(
        string="Works by the Duty Roster",
        help="Urgent jobs of the crew go at once to its technician on duty by the roster; "
        "with nobody on duty, the duty manager is told at once. Set when the crew's first "
        "shifts are planned.",
    )

    # ------------------------------------------------------------------
    # Candidates
    # ------------------------------------------------------------------
    def _pm_get_rostered_users(self, ticket, when=None):
        """Users on a repair duty shift of this crew (no crew: of any crew of
        the job's company) at ``when`` (default now), for the job's estate."""
        shifts = (
            self.env["pm.duty.shift"]
            .sudo()
            ._pm_on_duty(
                "crew",
                when,
                team=self if self else None,
                estate=ticket.estate_id,
                company=ticket.company_id,
            )
        )
        return shifts.user_id

    def _get_dispatch_candidates(self, ticket):
        """Rostered technicians first (``rostered``: on a shift of the crew
        now; they are on duty), the order of the others kept. A rostered
        technician who is not a member of the crew is a candidate too."""
        candidates = super()._get_dispatch_candidates(ticket)
        rostered = self._pm_get_rostered_users(ticket).filtered(lambda user: not user.share)
        missing = rostered - self.env["res.users"].union(*(c["user"] for c in candidates))
        if missing:
            candidates += self._prepare_dispatch_candidates(ticket, missing)
        for candidate in candidates:
            candidate["rostered"] = candidate["user"] in rostered
            if candidate["rostered"]:
                candidate["on_duty"] = True
        candidates.sort(key=lambda c: not c["rostered"])  # stable: the rest keeps its order
        return candidates

    # ------------------------------------------------------------------
    # New jobs
    # ------------------------------------------------------------------
    def _dispatch_new_job(self, ticket):
        """An urgent job of a crew working by the roster goes at once to its
        rostered technician (skilled first, least loaded), whatever the
        dispatch mode. With nobody rostered, outside office hours (nights,
        weekends, holidays: a working calendar does not say who is awake) or
        with nobody on duty at all, the duty manager is told at once and the
        job waits for him (a pool crew still gets it in its pool)."""
        if not ticket._pm_is_roster_urgent():
            return super()._dispatch_new_job(ticket)
        candidates = self._get_dispatch_candidates(ticket)
        rostered = [c for c in candidates if c["rostered"]]
        if rostered:
            best = min(rostered, key=lambda c: (not c["skilled"], c["workload"], c["user"].name))
            ticket.with_context(pm_dispatch_mode="roster")._dispatch(best["user"])
            return None
        if self._pm_nobody_on_duty(ticket, candidates):
            ticket._pm_escalate_no_duty()
            if self.dispatch_mode == "pool":
                return super()._dispatch_new_job(ticket)
            return None
        return super()._dispatch_new_job(ticket)

    def _pm_nobody_on_duty(self, ticket, candidates):
        """Nobody of the crew on duty by the roster (the caller checked):
        during office hours a technician working by his calendar is on duty;
        outside them, nobody is."""
        if not ticket.company_id._pm_roster_is_office_time(fields.Datetime.now()):
            return True
        return not any(c["on_duty"] for c in candidates)
