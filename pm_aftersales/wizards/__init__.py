from . import service
