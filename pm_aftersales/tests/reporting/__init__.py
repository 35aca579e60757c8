from . import test_analysis
from . import test_manager_page
