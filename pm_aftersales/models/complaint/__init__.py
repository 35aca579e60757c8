from . import pm_complaint_cause
from . import helpdesk_ticket
from . import pm_survey_campaign
from . import survey_user_input
from . import pm_survey_result
from . import res_company
from . import res_config_settings
