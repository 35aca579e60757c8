from . import test_sms_notices
from . import test_aliyun_provider
from . import test_notify_portal
from . import test_rectification_sms
from . import test_notify_tour
