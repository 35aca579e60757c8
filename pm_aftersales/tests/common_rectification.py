import base64
import io

from PIL import Image

from odoo.tests.common import new_test_user

from .common import PmCommon


def signature_png(color="black"):
    buffer = io.BytesIO()
    Image.new("RGB", (60, 20), color).save(buffer, format="PNG")
    return base64.b64encode(buffer.getvalue())


class PmRectificationCommon(PmCommon):
    """The registry of PmCommon plus a developer and two contractors with a
    portal representative each, and helpers to bring an order to a state."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        cls.developer = Partner.create(
            {"name": "Green Lake Development", "is_company": True, "pm_party_type": "developer"}
        )
        cls.contractor = Partner.create(
            {"name": "Solid Build Co.", "is_company": True, "pm_party_type": "contractor"}
        )
        cls.crew = Partner.create(
            {"name": "Solid Build civil crew", "parent_id": cls.contractor.id, "type": "other"}
        )
        cls.contractor_2 = Partner.create(
            {"name": "Bright Windows Ltd.", "is_company": True, "pm_party_type": "contractor"}
        )
        cls.estate.developer_id = cls.developer
        cls.estate.cs_supervisor_id = cls.users["cs_supervisor"]
        cls.estate.manager_id = cls.users["manager"]
        cls.user_developer = cls._create_party_user(cls.developer, "dev_rep", "Dev Rep")
        cls.user_contractor = cls._create_party_user(cls.contractor, "con_rep", "Con Rep")
        cls.user_contractor_2 = cls._create_party_user(cls.contractor_2, "con2_rep", "Win Rep")
        cls.trade = cls.env.ref("pm_aftersales.pm_trade_civil")
        cls.trade_door = cls.env.ref("pm_aftersales.pm_trade_security_door")

    @classmethod
    def _create_party_user(cls, company, login, name):
        contact = cls.env["res.partner"].create({"name": name, "parent_id": company.id})
        return new_test_user(
            cls.env,
            login=login,
            groups="pm_aftersales.group_pm_rect_party",
            partner_id=contact.id,
            name=name,
        )

    # ------------------------------------------------------------------
    def _create_defect(self, unit=None, trade=None, crew=None, name="Wall crack"):
        return self.env["pm.defect"].create(
            {
                "name": name,
                "unit_id": (unit or self.unit_a).id,
                "trade_id": (trade or self.trade).id,
                "contractor_id": (crew or self.crew).id,
                "location": "Living room",
            }
        )

    def _create_order(self, unit=None, contractor=None, **vals):
        unit = unit or self.unit_a
        defect = self._create_defect(unit=unit)
        return self.env["pm.rectification.order"].create(
            dict(
                {
                    "unit_id": unit.id,
                    "trade_id": self.trade.id,
                    "contractor_id": (contractor or self.contractor).id,
                    "defect_ids": [(6, 0, defect.ids)],
                    "order_date": "2026-03-02",
                },
                **vals,
            )
        )

    def _advance(self, order, state, budget=1000, deadline="2026-03-10"):
        """Bring ``order`` to ``state`` through the workflow."""
        steps = ["verified", "assigned", "planned", "in_progress", "done", "accepted", "closed"]
        supervisor, manager = self.users["cs_supervisor"], self.users["manager"]
        for step in steps[: steps.index(state) + 1]:
            if step == "verified":
                order.with_user(supervisor).action_verify()
            elif step == "assigned":
                order.write(
                    {
                        "department": "Engineering",
                        "handler": "Zhang Wei",
                        "deadline": deadline,
                        "opinion": "Fix it to the standard.",
                        "opinion_signature": signature_png(),
                    }
                )
                order.with_user(manager).action_sign_opinion()
            elif step == "planned":
                order.write({"plan": "<p>Patch and repaint</p>", "budget_amount": budget})
                order.action_submit_budget()
                order.with_user(manager).action_approve_budget()
            elif step == "in_progress":
                order.action_start()
            elif step == "done":
                self.env["pm.rectification.progress"].create(
                    {
                        "order_id": order.id,
                        "percent": 100,
                        "description": "Done",
                        "date": "2026-03-05",
                    }
                )
                order.action_done()
            elif step == "accepted":
                self._sign_all(order)
            elif step == "closed":
                order.action_close()
        return order

    def _budget_tiers(self, company=None):
        """The budget approval tiers of ``company`` (default: the test's):
        up to 5,000 the supervisors, above it the manager."""
        return self.env["tier.definition"].search(
            [
                ("model", "=", "pm.rectification.order"),
                ("company_id", "=", (company or self.env.company).id),
            ],
            order="sequence",
        )

    def _sign(self, order, party, result="accepted", user=None, **vals):
        user = (
            user
            or {
                "property": self.users["cs_supervisor"],
                "owner": self.user_owner_a,
                "developer": self.user_developer,
                "contractor": self.user_contractor,
            }[party]
        )
        values = {
            "order_id": order.id,
            "party": party,
            "result": result,
            "signed_by": user.name,
            "signature": signature_png() if result == "accepted" else False,
            "comment": "Still cracked" if result == "rejected" else False,
        }
        if not user.share:
            values["partner_id"] = user.partner_id.id
        values.update(vals)
        return self.env["pm.rectification.signature"].with_user(user).create(values)

    def _sign_all(self, order):
        for party in ("property", "developer", "contractor", "owner"):
            self._sign(order, party)
