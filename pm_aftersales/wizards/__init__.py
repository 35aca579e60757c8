from . import service
from . import billing
from . import qr
from . import roster
