import base64
import io

from PIL import Image, ImageDraw

from odoo import api, models


class PmDemoBuilder(models.AbstractModel):
    """The demo data's scenarios: records in every state, driven through the
    real workflow, then given the dates of their history. Called by the demo
    XML (``<function model="pm.demo.builder">``) only; one file per scenario
    extends this model. Its methods are private: never called over RPC."""

    _name = "pm.demo.builder"
    _description = "Demo Data Builder"

    @api.model
    def _signature(self, seed):
        """A hand-drawn-looking signature stroke (PNG, base64)."""
        image = Image.new("RGBA", (300, 90), (255, 255, 255, 0))
        draw = ImageDraw.Draw(image)
        points = [(20 + i * 13, 45 + ((i * 7 + seed * 5) % 23) - 11) for i in range(21)]
        draw.line(points, fill=(20, 30, 90, 255), width=4, joint="curve")
        draw.line([(40, 70), (240 - seed * 7, 62)], fill=(20, 30, 90, 255), width=3)
        buffer = io.BytesIO()
        image.save(buffer, format="PNG")
        return base64.b64encode(buffer.getvalue())
