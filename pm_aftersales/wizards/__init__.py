from . import service
from . import billing
