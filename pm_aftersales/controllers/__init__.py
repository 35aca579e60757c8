from . import portal_vendor
