# The demo builder: the demo data's scenarios, called by demo/*.xml only.
from . import builder
