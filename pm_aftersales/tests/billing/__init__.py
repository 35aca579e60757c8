from . import test_paid_repair
