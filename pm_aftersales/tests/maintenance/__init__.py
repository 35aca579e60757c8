from . import test_failure_analysis
from . import test_maintenance_plan
