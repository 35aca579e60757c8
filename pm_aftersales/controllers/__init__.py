from . import portal_vendor
from . import portal_owner
from . import portal_rectification
from . import mail_attachment
