from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import ValidationError

# Requests are created this many at a time.
GENERATION_BATCH = 1000


class MaintenancePlan(models.Model):
    """Preventive maintenance plan (维护保养计划), from OCA ``maintenance_plan``:
    kind, interval, horizon, team and instructions are its own. pm_aftersales
    adds plans for a whole equipment category (optionally of one estate), a
    checklist that every request carries, a responsible technician, and a
    generator that works in a few queries whatever the number of equipment."""

    _inherit = "maintenance.plan"

    pm_category_id = fields.Many2one(
        "maintenance.equipment.category",
        string="Equipment Category",
        index="btree_not_null",
        help="Plan every piece of equipment of this category (instead of one equipment).",
    )
    pm_estate_id = fields.Many2one(
        "pm.estate",
        string="Estate",
        index="btree_not_null",
        help="With a category: only the equipment of this estate.",
    )
    pm_user_id = fields.Many2one(
        "res.users",
        string="Responsible Technician",
        domain="[('share', '=', False)]",
        help="Gets the requests; else the equipment's technician.",
    )
    pm_checklist_item_ids = fields.One2many(
        "pm.maintenance.checklist.item", "plan_id", string="Checklist", copy=True
    )

    @api.constrains("equipment_id", "pm_category_id", "generate_with_domain")
    def _check_pm_target(self):
        for plan in self:
            if plan.equipment_id and plan.pm_category_id:
                raise ValidationError(
                    self.env._(
                        "Plan %s targets one equipment or a whole category, not both: clear one.",
                        plan.display_name,
                    )
                )
            if not (plan.equipment_id or plan.pm_category_id or plan.generate_with_domain):
                raise ValidationError(
                    self.env._(
                        "Plan %s targets nothing: choose an equipment or an equipment category.",
                        plan.display_name,
                    )
                )

    @api.depends("pm_category_id.name")
    def _compute_display_name(self):
        super()._compute_display_name()
        for plan in self.filtered(lambda p: not p.name and p.pm_category_id):
            plan.display_name = self.env._(
                "%(kind)s plan (%(category)s)",
                kind=plan.maintenance_kind_id.name or "",
                category=plan.pm_category_id.name,
            )

    def _get_maintenance_equipments(self):
        self.ensure_one()
        if self.pm_category_id and not self.equipment_id:
            return self._pm_get_targets()[self]
        return super()._get_maintenance_equipments()

    def button_manual_request_generation(self):
        self._pm_generate_requests()
        return True

    # ------------------------------------------------------------------
    # Generation
    # ------------------------------------------------------------------
    def _pm_get_targets(self):
        """{plan: equipment} for these plans: one query for all the category
        plans, one per plan with a custom domain."""
        Equipment = self.env["maintenance.equipment"]
        targets = defaultdict(lambda: Equipment)
        category_plans = self.filtered(lambda p: p.pm_category_id and not p.equipment_id)
        if category_plans:
            by_category = defaultdict(lambda: Equipment)
            for equipment in Equipment.search(
                [("category_id", "in", category_plans.pm_category_id.ids)], order="id"
            ):
                by_category[equipment.category_id] |= equipment
            for plan in category_plans:
                equipment = by_category[plan.pm_category_id].filtered(
                    lambda e, p=plan: (
                        (not p.pm_estate_id or e.pm_estate_id == p.pm_estate_id)
                        and (not e.company_id or not p.company_id or e.company_id == p.company_id)
                    )
                )
                targets[plan] = equipment
        for plan in self - category_plans:
            if plan.equipment_id:
                targets[plan] = plan.equipment_id.filtered("active")
            elif plan.generate_with_domain:
                targets[plan] = Equipment.browse(
                    e.id for e in super(MaintenancePlan, plan)._get_maintenance_equipments()
                )
        return targets

    def _pm_get_furthest_dates(self):
        """{(plan id, equipment id): latest request date} in one query."""
        groups = self.env["maintenance.request"]._read_group(
            [("maintenance_plan_id", "in", self.ids)],
            ["maintenance_plan_id", "equipment_id"],
            ["request_date:max"],
        )
        return {(plan.id, equipment.id): last for plan, equipment, last in groups}

    def _pm_start(self):
        return self.start_maintenance_date or self.create_date.date()

    def _pm_occurrence(self, index):
        """The plan's ``index``-th date, counted from its start: months are
        added to the start date, not to the previous occurrence (31 Jan, 28
        Feb, 31 Mar...)."""
        self.ensure_one()
        return self._pm_start() + self.get_relativedelta(
            self.interval * index, self.interval_step or "year"
        )

    def _pm_first_index_after(self, date, strict):
        """Index of the first occurrence on (or strictly after) ``date``."""
        self.ensure_one()
        start = self._pm_start()
        if date < start:
            return 0
        if self.interval_step in ("day", "week"):
            days = self.interval * (7 if self.interval_step == "week" else 1)
            index = (date - start).days // days
        else:
            months = self.interval * (12 if self.interval_step == "year" else 1)
            index = max(((date.year - start.year) * 12 + date.month - start.month) // months - 1, 0)
        while self._pm_occurrence(index) < date or (strict and self._pm_occurrence(index) == date):
            index += 1
        return index

    def _pm_get_dates(self, today, furthest):
        """Dates to create for this plan and one equipment: the occurrences
        after the latest request (else from today) up to the horizon."""
        self.ensure_one()
        horizon = today + self.get_relativedelta(
            self.maintenance_plan_horizon, self.planning_step or "year"
        )
        if furthest and furthest >= today:
            index = self._pm_first_index_after(furthest, strict=True)
        else:
            index = self._pm_first_index_after(today, strict=False)
        dates = []
        date = self._pm_occurrence(index)
        while date <= horizon:
            dates.append(date)
            index += 1
            date = self._pm_occurrence(index)
        return dates

    def _prepare_pm_request_vals(self, equipment, date):
        self.ensure_one()
        return equipment._prepare_request_from_plan(self, date)

    def _pm_generate_requests(self, today=None):
        """Create the missing preventive requests of these plans up to their
        horizon. Running it twice creates nothing the second time: each plan
        and equipment continues after its latest request. Plans on no
        equipment (OCA's requests without equipment) are OCA's generator's."""
        plans = self.filtered(lambda p: p.interval > 0 and p.active)
        requests = self.env["maintenance.request"]
        untargeted = plans.filtered(
            lambda p: not (p.equipment_id or p.pm_category_id or p.generate_with_domain)
        )
        for plan in untargeted:
            requests |= plan.equipment_id._create_new_request(plan)
        plans -= untargeted
        if not plans:
            return requests
        today = today or fields.Date.context_today(self)
        targets = plans._pm_get_targets()
        furthest = plans._pm_get_furthest_dates()
        Request = self.env["maintenance.request"].with_context(
            pm_default_team_id=self.env["maintenance.request"]._get_default_team_id(),
            mail_create_nolog=True,
            mail_create_nosubscribe=True,
            mail_notrack=True,
        )
        # Defaults evaluated once, not once per request.
        common = {"stage_id": Request._default_stage().id}
        vals_lists = defaultdict(list)
        for plan in plans:
            # Equipment of a category plan mostly share their latest date.
            dates = {}
            vals_list = vals_lists[plan.skip_notify_follower_on_requests]
            for equipment in targets[plan]:
                last = furthest.get((plan.id, equipment.id))
                if last not in dates:
                    dates[last] = plan._pm_get_dates(today, last)
                for date in dates[last]:
                    vals_list.append(dict(common, **plan._prepare_pm_request_vals(equipment, date)))
        for skip_notify, vals_list in vals_lists.items():
            # As OCA's generator: unless the plan says otherwise, nobody is
            # told of each request (no assignment mail, no to-do per request).
            Batch = Request.with_context(
                pm_batch_generation=skip_notify,
                mail_auto_subscribe_no_notify=skip_notify,
                mail_activity_quick_update=skip_notify,
            )
            for start in range(0, len(vals_list), GENERATION_BATCH):
                batch = Batch.create(vals_list[start : start + GENERATION_BATCH])
                if skip_notify:
                    batch._pm_subscribe_assignees()
                requests |= batch
        return requests
