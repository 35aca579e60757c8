# Mechanisms shared by the rooms, then the rooms (one subpackage per concern).
from . import pm_state_guard_mixin
from . import pm_cache_clear_mixin
from . import registry
from . import service
from . import sla
from . import complaint
from . import portal
from . import parts
from . import maintenance
from . import rectification
from . import staff
from . import reporting
from . import billing
from . import notify
from . import urge
from . import duplicate
