from . import portal
from . import rectification
