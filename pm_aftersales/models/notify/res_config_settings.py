from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    pm_aliyun_access_key_id = fields.Char(
        related="company_id.pm_aliyun_access_key_id", readonly=False
    )
    pm_aliyun_access_key_secret = fields.Char(
        related="company_id.pm_aliyun_access_key_secret", readonly=False
    )
    pm_aliyun_sign_name = fields.Char(related="company_id.pm_aliyun_sign_name", readonly=False)
    pm_aliyun_region = fields.Char(related="company_id.pm_aliyun_region", readonly=False)
    pm_aliyun_endpoint = fields.Char(related="company_id.pm_aliyun_endpoint", readonly=False)
    pm_aliyun_report_url = fields.Char(
        string="Delivery Report URL", compute="_compute_pm_aliyun_report_url"
    )
    pm_sms_quiet_start = fields.Float(related="company_id.pm_sms_quiet_start", readonly=False)
    pm_sms_quiet_end = fields.Float(related="company_id.pm_sms_quiet_end", readonly=False)

    def _compute_pm_aliyun_report_url(self):
        for settings in self:
            company = settings.company_id.sudo()
            settings.pm_aliyun_report_url = (
                f"{company.get_base_url()}/pm_aftersales/sms/aliyun/report/"
                f"{company.pm_aliyun_report_token}"
            )
