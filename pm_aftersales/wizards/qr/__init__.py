from . import pm_checkin_wizard
