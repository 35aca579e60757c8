from . import portal_vendor
from . import portal_owner
from . import mail_attachment
