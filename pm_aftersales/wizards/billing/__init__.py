from . import pm_hotline_wizard
