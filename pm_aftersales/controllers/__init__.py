from . import portal
from . import rectification
from . import billing
from . import notify
from . import urge
from . import qr
