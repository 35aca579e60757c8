from odoo import fields, models


class SmsTemplate(models.Model):
    _inherit = "sms.template"

    pm_provider_template_code = fields.Char(
        string="Provider Template Code",
        help="Code of the same text approved at the SMS provider (Alibaba Cloud: "
        "TemplateCode, e.g. SMS_123456789), for providers that send only approved templates.",
    )
    pm_provider_params = fields.Char(
        string="Provider Parameters",
        render_engine="inline_template",
        translate=False,
        help="The template's variables for the provider, as JSON, e.g. "
        '{"number": "{{ object.number }}", "link": "{{ object.pm_sms_link }}"}.',
    )
