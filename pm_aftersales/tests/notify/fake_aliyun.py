"""A local stand-in for Alibaba Cloud's SMS endpoint (dysmsapi, 2017-05-25):
it checks each request as the provider documents it (POST form, common and
SendSms parameters, the HMAC-SHA1 signature over the sorted, percent-encoded
parameters) and answers as the provider does, errors included."""

import base64
import hashlib
import hmac
import json
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, quote

REQUIRED = {
    "AccessKeyId",
    "Action",
    "Format",
    "PhoneNumbers",
    "RegionId",
    "Signature",
    "SignatureMethod",
    "SignatureNonce",
    "SignatureVersion",
    "SignName",
    "TemplateCode",
    "Timestamp",
    "Version",
}


def _pe(value):
    return quote(str(value), safe="~")


def expected_signature(method, params, secret):
    query = "&".join(f"{_pe(k)}={_pe(v)}" for k, v in sorted(params.items()))
    to_sign = f"{method}&{_pe('/')}&{_pe(query)}"
    return base64.b64encode(
        hmac.new(f"{secret}&".encode(), to_sign.encode(), hashlib.sha1).digest()
    ).decode()


class FakeAliyun:
    """``numbers``: {PhoneNumbers: (http status, answer)}, default OK."""

    def __init__(self, access_key_id, secret):
        self.access_key_id = access_key_id
        self.secret = secret
        self.requests = []
        self.errors = []
        self.numbers = {}
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length).decode()
                params = dict(parse_qsl(body, keep_blank_values=True))
                status, answer = fake.answer(self.command, self.path, self.headers, params)
                data = json.dumps(answer, ensure_ascii=False).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json;charset=utf-8")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()

    def _error(self, status, code, message):
        return status, {
            "RequestId": "A1B2",
            "HostId": "dysmsapi.aliyuncs.com",
            "Code": code,
            "Message": message,
        }

    def answer(self, method, path, headers, params):
        self.requests.append(params)
        if method != "POST" or path != "/":
            self.errors.append(f"{method} {path}")
            return self._error(404, "InvalidAction.NotFound", "Specified api is not found")
        if "application/x-www-form-urlencoded" not in headers.get("Content-Type", ""):
            self.errors.append("content type")
        missing = REQUIRED - set(params)
        if missing:
            self.errors.append(f"missing {sorted(missing)}")
            return self._error(400, "MissingParameter", f"missing {sorted(missing)}")
        checks = {
            "Action": "SendSms",
            "Version": "2017-05-25",
            "SignatureMethod": "HMAC-SHA1",
            "SignatureVersion": "1.0",
            "Format": "JSON",
        }
        for key, value in checks.items():
            if params[key] != value:
                self.errors.append(f"{key}={params[key]}")
        if not re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", params["Timestamp"]):
            self.errors.append("Timestamp format")
        if params["AccessKeyId"] != self.access_key_id:
            return self._error(
                404, "InvalidAccessKeyId.NotFound", "Specified access key is not found."
            )
        signature = params.pop("Signature")
        if signature != expected_signature("POST", params, self.secret):
            return self._error(
                400,
                "SignatureDoesNotMatch",
                "Specified signature is not matched with our calculation.",
            )
        try:
            json.loads(params.get("TemplateParam") or "{}")
        except ValueError:
            return self._error(200, "isv.INVALID_JSON_PARAM", "JSON参数不合法")
        if params["PhoneNumbers"] in self.numbers:
            return self.numbers[params["PhoneNumbers"]]
        return 200, {
            "Message": "OK",
            "RequestId": "F655A8D5-B967-440B-8683-DAD6FF8DE990",
            "Code": "OK",
            "BizId": f"9006197469364984{len(self.requests):02d}^0",
        }
