from . import test_roster_dispatch
from . import test_roster_plan
from . import test_roster_swap
from . import test_roster_security
