import io

from werkzeug.datastructures import FileStorage

from odoo import http
from odoo.exceptions import UserError
from odoo.http import request

from odoo.addons.mail.controllers.attachment import AttachmentController

from .uploads import check_upload

# Documents whose chatter portal users upload to with the report form's rules.
PORTAL_CHECKED_MODELS = {"helpdesk.ticket"}


class PmAttachmentController(AttachmentController):
    @http.route()
    def mail_attachment_upload(self, ufile, thread_id, thread_model, is_pending=False, **kwargs):
        # A file an owner (or anyone holding a job's link) adds in the job's
        # chatter passes the same checks as one sent with the report form.
        if thread_model in PORTAL_CHECKED_MODELS and request.env.user.share:
            try:
                name, mimetype, data = check_upload(request.env, ufile)
            except UserError as error:
                return request.make_json_response({"error": error.args[0]})
            ufile = FileStorage(io.BytesIO(data), filename=name, content_type=mimetype)
        return super().mail_attachment_upload(
            ufile, thread_id, thread_model, is_pending=is_pending, **kwargs
        )
