# Owners reached where they are (短信通知): every owner notice also by SMS
# on Odoo's sms framework, the owner's channel (e-mail, SMS or both), quiet
# hours, short links, and Alibaba Cloud SMS as a provider beside Odoo's and
# Twilio's.
from . import res_partner
from . import res_company
from . import res_config_settings
from . import sms_template
from . import sms_tracker
from . import sms_sms
from . import mail_notification
from . import pm_sms_link_mixin
from . import pm_owner_notification_mixin
from . import helpdesk_ticket
from . import pm_notice
from . import pm_rectification_notice
