from . import pm_patrol_escalation
from . import res_company
from . import pm_patrol_route
from . import pm_patrol_point
from . import pm_patrol_point_check
from . import pm_patrol_round
from . import pm_patrol_round_point
from . import pm_patrol_round_check
