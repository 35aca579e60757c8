from datetime import datetime

from ..common_service import PmServiceCommon

# 18:00 in Shanghai (10:00 UTC): the owners may be texted.
DAYTIME = datetime(2026, 3, 2, 10, 0)
# 23:30 in Shanghai (15:30 UTC): quiet hours, until 08:00 (00:00 UTC).
NIGHT = datetime(2026, 3, 2, 15, 30)
MORNING = datetime(2026, 3, 3, 0, 0)


class PmNotifyCommon(PmServiceCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.ref("base.lang_zh_CN").active = True
        cls.company.partner_id.tz = "Asia/Shanghai"
        # Only the SMS of these tests are in the queue.
        cls.env["sms.sms"].search([]).unlink()

    def _sms_of(self, partner):
        return self.env["sms.sms"].search([("partner_id", "=", partner.id)], order="id")

    def _mails_to(self, partner):
        return self.env["mail.mail"].search([("recipient_ids", "in", partner.ids)])

    def _tracker(self, short_url):
        return link_tracker_of(self.env, short_url)


def link_tracker_of(env, short_url):
    """The link.tracker behind a short link."""
    code = short_url.rsplit("/r/", 1)[1]
    return env["link.tracker.code"].search([("code", "=", code)]).link_id
