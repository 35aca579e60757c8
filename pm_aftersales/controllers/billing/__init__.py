from . import portal_billing
from . import sale_portal
