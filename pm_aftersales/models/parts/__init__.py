from . import stock_warehouse
from . import stock_picking
from . import pm_ticket_part
from . import helpdesk_ticket
from . import pm_part_consumption_report
