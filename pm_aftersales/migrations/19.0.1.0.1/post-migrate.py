# Records the addon ships apply to every company of the database: the
# training courses and the equipment categories were the main company's, so
# the employees and technicians of another company never saw them.

MODELS = ("pm.training.course", "maintenance.equipment.category")


def migrate(cr, version):
    for model in MODELS:
        cr.execute(
            f"""UPDATE {model.replace(".", "_")} SET company_id = NULL
                 WHERE id IN (SELECT res_id FROM ir_model_data
                               WHERE module = 'pm_aftersales' AND model = %s)""",
            (model,),
        )
