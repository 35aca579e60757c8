from . import pm_defect
from . import pm_rectification_escalation
from . import pm_rectification_order
from . import pm_rectification_progress
from . import pm_rectification_signature
from . import pm_rectification_notice
from . import tier_definition
from . import tier_review
