from pathlib import Path

from odoo.tests import BaseCase, tagged

from odoo.addons.pm_aftersales import tests


@tagged("post_install", "-at_install")
class TestSuiteComplete(BaseCase):
    def test_every_test_module_is_imported(self):
        """Odoo's runner runs the modules imported by tests/__init__.py only
        (each room's package imports its own): a test file missing there would
        pass under pytest and never run there."""
        files = {path.stem for path in Path(tests.__file__).parent.rglob("test_*.py")}
        imported = {name for name in dir(tests) if name.startswith("test_")}
        self.assertEqual(files - imported, set())
