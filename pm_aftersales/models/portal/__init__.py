from . import pm_portal_token_guard
from . import helpdesk_ticket
from . import pm_notice
from . import portal_wizard_user
