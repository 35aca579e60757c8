from . import res_company
from . import pm_duty_shift
from . import pm_duty_swap
from . import resource_calendar_leaves
from . import pm_ticket_assignment
from . import helpdesk_ticket_team
from . import helpdesk_ticket
from . import hr_employee
