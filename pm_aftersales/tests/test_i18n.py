from odoo.modules import get_module_path
from odoo.tests import tagged
from odoo.tools.translate import PoFileReader, TranslationModuleReader

from .common import PmCommon

# Terms a Chinese user sees in these modules' own words.
MODULES = ["base", "web", "mail", "portal", "helpdesk_mgmt", "pm_aftersales"]


def _po_translations(*parts):
    path = "/".join((get_module_path("pm_aftersales"),) + parts)
    with open(path, "rb") as po:
        return {(row["module"], row["type"], row["src"]): row["value"] for row in PoFileReader(po)}


@tagged("post_install", "-at_install")
class TestTranslations(PmCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        lang = cls.env["res.lang"].with_context(active_test=False).search([("code", "=", "zh_CN")])
        menu = cls.env.ref("pm_aftersales.menu_pm_root").with_context(lang="zh_CN")
        if not lang.active or menu.name == "After-Sales Service":
            cls.env["res.lang"]._activate_lang("zh_CN")
            cls.env["ir.module.module"].search([("name", "in", MODULES)])._load_module_terms(
                MODULES, ["zh_CN"]
            )
        cls.user_zh = cls.users["assistant"]
        cls.user_zh.lang = "zh_CN"

    def _missing(self, module, translations):
        reader = TranslationModuleReader(self.env.cr, modules=[module])
        missing = set()
        for term_module, ttype, _name, _res_id, source, _value, _comments in reader:
            if term_module != module:
                continue
            if not translations.get((module, ttype, source)):
                missing.add((ttype, source))
        return missing

    def test_every_term_of_the_addon_is_translated(self):
        translations = _po_translations("i18n", "zh_CN.po")
        self.assertEqual(self._missing("pm_aftersales", translations), set())

    def test_every_helpdesk_term_we_can_carry_is_translated(self):
        """helpdesk_mgmt ships no zh_CN: i18n_extra carries its model, view and
        menu terms; its code (Python/JS) strings cannot be carried (README)."""
        translations = _po_translations("i18n_extra", "zh_CN.po")
        missing = {
            (ttype, source)
            for ttype, source in self._missing("helpdesk_mgmt", translations)
            if ttype != "code"
        }
        self.assertEqual(missing, set())

    def _env_zh(self):
        return self.env(user=self.user_zh, context={"lang": self.user_zh.lang})

    def test_menus_in_chinese(self):
        menus = self._env_zh()["ir.ui.menu"].load_menus(debug=False)
        names = {menu["name"] for menu in menus.values() if isinstance(menu, dict)}
        self.assertIn("物业售后", names)
        self.assertIn("楼盘项目", names)
        self.assertIn("房屋", names)
        self.assertIn("服务工单", names)
        # one app for the after-sales staff: helpdesk_mgmt's is hidden from them
        self.assertNotIn("服务台", names)
        self.assertNotIn("After-Sales Service", names)
        self.assertNotIn("Helpdesk", names)

    def test_ticket_form_in_chinese(self):
        views = self._env_zh()["helpdesk.ticket"].get_views([(False, "form")])
        fields = views["models"]["helpdesk.ticket"]["fields"]
        self.assertEqual(fields["name"]["string"], "标题")
        self.assertEqual(fields["stage_id"]["string"], "阶段")
        self.assertEqual(fields["user_id"]["string"], "指派给")
        arch = views["views"]["form"]["arch"]
        self.assertIn("指派给我", arch)

    def test_registry_in_chinese(self):
        env = self._env_zh()
        fields = env["pm.unit"].fields_get(["building_id", "floor_area", "handover_date"])
        self.assertEqual(fields["building_id"]["string"], "楼栋")
        self.assertEqual(fields["handover_date"]["string"], "交付日期")
        trade = env.ref("pm_aftersales.pm_trade_waterproofing")
        self.assertEqual(trade.name, "防水")
        usage = dict(env["pm.unit"]._fields["usage"]._description_selection(env))
        self.assertEqual(usage["residential"], "住宅")

    def test_stages_in_chinese(self):
        stage = self._env_zh().ref("helpdesk_mgmt.helpdesk_ticket_stage_new")
        self.assertEqual(stage.name, "新建")
