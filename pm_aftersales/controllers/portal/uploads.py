"""Checks of what portal users upload: type by content, size, count, name."""

import base64
import re

from odoo.exceptions import UserError
from odoo.tools.mimetypes import guess_mimetype

# What an owner may attach to a report: photos and short videos.
ALLOWED_MIMETYPES = {
    "image/jpeg",
    "image/png",
    "image/gif",
    "image/webp",
    "video/mp4",
    "video/quicktime",
    "video/webm",
}
SIGNATURE_MIMETYPES = {"image/png", "image/jpeg"}
DEFAULT_MAX_FILE_MB = 20
MAX_FILES = 6
UNSAFE_NAME_CHARS = re.compile(r"[\x00-\x1f\x7f/\\:*?\"<>|]+")


def sanitize_filename(name):
    """Keep the readable part of a file name (Chinese included): no path, no
    control or reserved characters, a bounded length."""
    name = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = UNSAFE_NAME_CHARS.sub("_", name).strip(" ._") or "file"
    return name[-120:]


def portal_max_file_mb(env):
    """Largest file (MB) a portal user may attach to a job."""
    value = (
        env["ir.config_parameter"]
        .sudo()
        .get_param("pm_aftersales.portal_max_file_mb", DEFAULT_MAX_FILE_MB)
    )
    try:
        return max(1, int(value))
    except ValueError:
        return DEFAULT_MAX_FILE_MB


def check_upload(env, upload, max_mb=None):
    """(name, mimetype, data) of one file a portal user attaches to a job:
    a photo or a video by its content, not too large, under a sanitized name.
    Raises UserError saying why the file is refused."""
    max_mb = max_mb or portal_max_file_mb(env)
    name = sanitize_filename(upload.filename)
    data = upload.read(max_mb * 1024 * 1024 + 1)
    if len(data) > max_mb * 1024 * 1024:
        raise UserError(
            env._(
                "“%(name)s” is larger than %(size)s MB: send a smaller photo or a shorter video.",
                name=name,
                size=max_mb,
            )
        )
    mimetype = guess_mimetype(data, default="application/octet-stream")
    if mimetype not in ALLOWED_MIMETYPES:
        raise UserError(
            env._(
                "“%(name)s” is not a photo or a video (JPEG, PNG, GIF, WebP, MP4, "
                "MOV or WebM): it cannot be attached.",
                name=name,
            )
        )
    return name, mimetype, data


def check_signature(signature):
    """Raise ValueError unless ``signature`` (base64) is a PNG or JPEG image,
    as the portal's signature pad draws it."""
    data = base64.b64decode(signature, validate=True)
    if guess_mimetype(data) not in SIGNATURE_MIMETYPES:
        raise ValueError("not a signature image")


def read_uploads(env, files):
    """[(name, mimetype, data)] of the uploaded files, or the errors saying
    which file is refused and why (every portal upload path uses it)."""
    files = [f for f in files if f and f.filename]
    if len(files) > MAX_FILES:
        return [], [env._("Attach at most %s files.", MAX_FILES)]
    max_mb = portal_max_file_mb(env)
    attachments, errors = [], []
    for upload in files:
        try:
            attachments.append(check_upload(env, upload, max_mb))
        except UserError as error:
            errors.append(error.args[0])
    return attachments, errors
