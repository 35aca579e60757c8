# Urges (催单): the owner presses for an open job, at most once an hour; the
# assistant and the technician are told, a late job escalates at once, and
# the urges count in the job analysis.
from . import pm_ticket_urge
from . import helpdesk_ticket
from . import pm_job_analysis
