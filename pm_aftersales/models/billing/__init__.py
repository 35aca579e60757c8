# Paid repairs and value-added services (收费维修与增值服务): prices, the
# chargeable-or-free decision, the quote the owner accepts, the invoice of
# what was used and its payment, on Odoo's sale_management, account and
# payment.
from . import product_template
from . import helpdesk_ticket_category
from . import pm_trade
from . import res_company
from . import res_config_settings
from . import pm_ticket_pause
from . import sale_order
from . import sale_order_line
from . import account_move
from . import account_payment
from . import helpdesk_ticket
from . import pm_revenue_analysis
from . import pm_job_analysis
from . import pm_monthly_report
