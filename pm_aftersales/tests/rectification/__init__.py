from . import test_rectification
from . import test_rectification_escalation
from . import test_rectification_notice
from . import test_rectification_report
from . import test_rectification_security
from . import test_rectification_budget
from . import test_rectification_budget_migration
from . import test_rectification_escalation_migration
