# Copyright 2026 pm_aftersales authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Property Management After-Sales Service",
    "summary": "After-sales service centre of a property-management company: "
    "estates, units, owners, repairs, complaints, rectification",
    "version": "19.0.1.0.0",
    "category": "Services/Helpdesk",
    "license": "AGPL-3",
    "author": "pm_aftersales authors",
    "website": "https://github.com/pm-aftersales/pm_aftersales",
    "depends": [
        "helpdesk_mgmt",
        "stock",
        "maintenance",
        "hr",
        "portal",
        "mail",
        "resource",
    ],
    "data": [
        "security/pm_aftersales_security.xml",
        "security/ir.model.access.csv",
        "data/pm_trade_data.xml",
        "data/pm_warranty_period_data.xml",
        "views/pm_menus.xml",
        "views/pm_estate_views.xml",
        "views/pm_building_views.xml",
        "views/pm_unit_views.xml",
        "views/pm_unit_occupant_views.xml",
        "views/pm_public_area_views.xml",
        "views/pm_trade_views.xml",
        "views/pm_warranty_period_views.xml",
        "views/pm_unit_warranty_views.xml",
        "views/res_partner_views.xml",
    ],
    "demo": [
        "demo/res_users_demo.xml",
        "demo/pm_estate_demo.xml",
        "demo/pm_unit_demo.xml",
    ],
    "application": True,
    "installable": True,
}
