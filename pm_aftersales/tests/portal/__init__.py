from . import test_portal_owner
from . import test_portal_owner_phone
from . import test_portal_security_http
from . import test_portal_vendor
