from . import pm_hotline_wizard
from . import pm_dispatch_wizard
from . import pm_dispatch_wizard_line
