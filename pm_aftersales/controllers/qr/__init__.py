from . import qr_label
