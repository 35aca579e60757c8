from . import portal_notify
from . import aliyun_report
