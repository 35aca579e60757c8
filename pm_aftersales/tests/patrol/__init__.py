from . import test_patrol
from . import test_patrol_screens
from . import test_patrol_security
from . import test_patrol_tour
