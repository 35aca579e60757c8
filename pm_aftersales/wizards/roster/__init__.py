from . import pm_duty_plan_wizard
from . import pm_duty_plan_wizard_line
from . import pm_hotline_wizard
from . import pm_dispatch_wizard
from . import pm_dispatch_wizard_line
