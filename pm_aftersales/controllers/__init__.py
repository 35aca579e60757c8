from . import portal
from . import rectification
from . import billing
