from . import portal_urge
