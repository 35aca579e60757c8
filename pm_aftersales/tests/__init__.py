# Odoo's runner only runs the test modules imported here (a room's own
# __init__ imports its modules; the star import brings them in).
from . import test_i18n
from . import test_screens_roles
from . import test_security
from . import test_suite_complete
from . import test_tours

from .registry import *  # noqa: F403
from .service import *  # noqa: F403
from .sla import *  # noqa: F403
from .complaint import *  # noqa: F403
from .portal import *  # noqa: F403
from .parts import *  # noqa: F403
from .maintenance import *  # noqa: F403
from .rectification import *  # noqa: F403
from .staff import *  # noqa: F403
from .reporting import *  # noqa: F403
