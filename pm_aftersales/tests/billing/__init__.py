from . import test_paid_repair
from . import test_billing_portal
from . import test_billing_tour
