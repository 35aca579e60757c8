from . import portal_rectification
