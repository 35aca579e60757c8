from . import test_qr_checkin
from . import test_qr_labels
