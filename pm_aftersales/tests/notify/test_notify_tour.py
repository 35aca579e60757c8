"""The owner on a phone (390 px, touch) chooses SMS only, and urges a late
job (issue 16)."""

from odoo.tests import HttpCase, tagged

from .common_notify import PmNotifyCommon


@tagged("post_install", "-at_install")
class TestOwnerNotifyOnPhone(PmNotifyCommon, HttpCase):
    browser_size = "390x844"
    touch_enabled = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_owner_a.write(
            {"password": "owner_a", "company_ids": cls.company.ids, "company_id": cls.company.id}
        )

    def test_owner_chooses_sms(self):
        self.start_tour("/my", "pm_aftersales_owner_chooses_sms", login="owner_a")
        self.assertEqual(self.owner_a.pm_notify_channel, "sms")

    def test_owner_urges_a_job(self):
        job = self._create_job()
        self.start_tour(f"/my/ticket/{job.id}", "pm_aftersales_owner_urges", login="owner_a")
        self.assertEqual(job.urge_count, 1)
        self.assertEqual(job.urge_ids.channel, "portal")
