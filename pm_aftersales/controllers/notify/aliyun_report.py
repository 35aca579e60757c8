import json
import logging

from odoo import http
from odoo.http import request

_logger = logging.getLogger(__name__)


class PmAliyunSmsReport(http.Controller):
    """Alibaba Cloud's delivery reports (短信回执, HTTP batch push): a JSON
    list of reports, each with the ``out_id`` Odoo gave (the SMS uuid). The
    URL carries the company's secret token; the answer is the one the
    provider expects."""

    @http.route(
        ["/pm_aftersales/sms/aliyun/report/<string:token>"],
        type="http",
        auth="public",
        methods=["POST"],
        csrf=False,
        save_session=False,
    )
    def pm_aliyun_report(self, token, **kw):
        companies = (
            request.env["res.company"]
            .sudo()
            .search([("sms_provider", "=", "pm_aliyun"), ("pm_aliyun_report_token", "=", token)])
        )
        if not token or not companies:
            return request.make_json_response({"code": 1, "msg": "unknown token"}, status=403)
        try:
            reports = json.loads(request.httprequest.get_data(as_text=True) or "[]")
        except ValueError:
            return request.make_json_response({"code": 1, "msg": "bad json"}, status=400)
        if isinstance(reports, dict):
            reports = [reports]
        by_uuid = {r.get("out_id"): r for r in reports if isinstance(r, dict) and r.get("out_id")}
        trackers = request.env["sms.tracker"].sudo().search([("sms_uuid", "in", list(by_uuid))])
        for tracker in trackers:
            tracker._pm_action_update_from_aliyun_report(by_uuid[tracker.sms_uuid])
        request.env["sms.sms"].sudo().search(
            [
                ("uuid", "in", list(by_uuid)),
                ("to_delete", "=", False),
                ("state", "!=", "pm_scheduled"),
            ]
        ).to_delete = True
        return request.make_json_response({"code": 0, "msg": "成功"})
