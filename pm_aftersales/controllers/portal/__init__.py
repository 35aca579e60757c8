from . import uploads
from . import portal_vendor
from . import portal_owner
from . import portal_helpdesk
from . import portal_ticket_list
from . import mail_attachment
from . import portal_ticket_labels
