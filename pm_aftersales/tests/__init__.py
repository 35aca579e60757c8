# Odoo's runner only runs the test modules imported here (a room's own
# __init__ imports its modules; the star import brings them in).
from . import test_i18n
from . import test_screens_roles
from . import test_security
from . import test_suite_complete
from . import test_tours

from .registry import *
from .service import *
from .sla import *
from .complaint import *
from .portal import *
from .parts import *
from .maintenance import *
from .rectification import *
from .staff import *
from .reporting import *
from .billing import *
from .notify import *
from .urge import *
from .duplicate import *
from .qr import *
from .patrol import *
from .roster import *
