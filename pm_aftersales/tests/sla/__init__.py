from . import test_escalation
from . import test_sla
