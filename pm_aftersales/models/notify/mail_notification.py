from odoo import fields, models


class MailNotification(models.Model):
    _inherit = "mail.notification"

    failure_type = fields.Selection(
        selection_add=[
            ("pm_sms_rate_limit", "Provider Rate Limit"),
            ("pm_sms_provider_account", "Provider Account or Template Refused"),
            ("pm_sms_template_missing", "No Provider Template Code"),
        ],
    )
