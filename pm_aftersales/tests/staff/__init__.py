from . import test_scorecard
from . import test_scorecard_print
from . import test_scorecard_report
from . import test_staff_security
from . import test_training
