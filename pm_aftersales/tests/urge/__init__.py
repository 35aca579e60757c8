from . import test_urge
