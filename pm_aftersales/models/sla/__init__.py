from . import pm_sla_rule
from . import pm_sla_rule_line
from . import pm_sla_escalation
from . import pm_delay_reason
from . import pm_ticket_milestone
from . import pm_ticket_pause
from . import pm_ticket_delay
