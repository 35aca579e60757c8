# Duplicate reports of one fault (重复报修): the assistant sees the open job
# of the same place and category reported shortly before, and merges the new
# one into it with helpdesk_mgmt's duplicate mechanism: every reporter
# follows and is told of the first job, whose time limits hold.
from . import res_company
from . import res_config_settings
from . import helpdesk_ticket
from . import helpdesk_ticket_duplicate_wizard
