from . import test_duplicate
