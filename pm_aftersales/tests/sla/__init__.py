from . import test_escalation
from . import test_sla
from . import test_escalation_engine
from . import test_job_desk
