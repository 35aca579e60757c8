from . import pm_demo_builder
from . import parts_stock
from . import maintenance_history
from . import service_jobs
from . import rectifications
from . import staff_records
from . import monthly_reports
from . import satisfaction_surveys
