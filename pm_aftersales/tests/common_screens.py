"""Open the screens of a user the way the web client does.

:class:`ScreenWalker` loads the menus a user sees, and for every window
action behind them requests what the web client requests: ``get_views``
with the action's views, then per view type the data calls with the field
specification built from the arch (as ``getFieldsSpec`` of the web client's
relational model does: every ``<field>`` of the view, invisible ones too,
``display_name`` of many2one values, and the sub-specification of the
list or kanban embedded under an x2many field). Everything is derived from
the menus and the arches: a new menu, view or field is covered as it comes.
"""

import ast
import itertools
import traceback

from dateutil.relativedelta import relativedelta
from lxml import etree

from odoo import fields
from odoo.fields import Domain
from odoo.tools.safe_eval import datetime, safe_eval, time

from odoo.addons.web.controllers.utils import clean_action

# x2many widgets that read a few fields of the lines instead of a subview
# (their ``relatedFields`` in the web client)
X2MANY_WIDGET_FIELDS = {"many2many_binary": ("name", "mimetype")}
# the limit of the web client's views
VIEW_LIMITS = {"list": 80, "kanban": 40, "calendar": None, "hierarchy": None}


def _is_always_invisible(node):
    return node.get("invisible") in ("1", "True", "true")


def _static_context(node):
    """The literal part of a field's ``context`` attribute, as the web
    client sends it (dynamic values are skipped: they need the record)."""
    expr = node.get("context")
    if not expr:
        return {}
    try:
        tree = ast.parse(expr.strip(), mode="eval").body
    except SyntaxError:
        return {}
    if not isinstance(tree, ast.Dict):
        return {}
    context = {}
    for key, value in zip(tree.keys, tree.values, strict=True):
        try:
            context[ast.literal_eval(key)] = ast.literal_eval(value)
        except ValueError:
            continue
    return context


def view_field_nodes(root):
    """The ``<field>`` nodes of a view at its own level: not those of the
    subviews embedded under x2many fields nor of list ``<groupby>`` nodes."""
    nodes = []

    def walk(element):
        for child in element:
            if not isinstance(child.tag, str):
                continue
            if child.tag == "field":
                nodes.append(child)
            elif child.tag != "groupby":
                walk(child)

    walk(root)
    return nodes


def _x2many_subview(node):
    """The subview the web client uses to show an x2many field."""
    views = {child.tag: child for child in node if child.tag in ("list", "kanban")}
    mode = node.get("mode")
    if mode and "," not in mode:
        return views.get(mode)
    return views.get("list") if "list" in views else views.get("kanban")


def fields_spec(root, model, models_info, with_invisible=False):
    """``web_read``/``web_search_read``/``onchange`` specification of the
    view ``root`` of ``model``, ``models_info`` being ``get_views``'s
    ``models``."""
    field_infos = models_info[model]["fields"]
    spec = {}
    for node in view_field_nodes(root):
        name = node.get("name")
        info = field_infos.get(name)
        if info is None:
            raise KeyError(f"field {model}.{name} of the view is not in get_views' models")
        field_spec = spec.setdefault(name, {})
        ftype = info["type"]
        hidden = _is_always_invisible(node) and not with_invisible
        if ftype in ("one2many", "many2many"):
            if hidden:
                continue
            subview = None if node.get("widget") else _x2many_subview(node)
            if subview is not None:
                sub_spec = fields_spec(subview, info["relation"], models_info, with_invisible)
                field_spec["limit"] = int(subview.get("limit") or 40)
            elif node.get("widget"):
                names = X2MANY_WIDGET_FIELDS.get(node.get("widget"), ("display_name",))
                sub_spec = {name: {} for name in names}
                options = safe_eval(node.get("options") or "{}", {})
                if isinstance(options, dict) and options.get("color_field"):
                    sub_spec[options["color_field"]] = {}
            else:
                continue
            field_spec.setdefault("fields", {}).update(sub_spec)
            if context := _static_context(node):
                field_spec["context"] = context
        elif ftype in ("many2one", "reference"):
            field_spec.setdefault("fields", {})
            if not _is_always_invisible(node):
                field_spec["fields"]["display_name"] = {}
                if context := _static_context(node):
                    field_spec["context"] = context
    return spec


class ScreenWalker:
    """Open, as ``user``, every window action of the menus the user sees,
    in each of its view types, and collect every error."""

    def __init__(self, env, user, label):
        self.user = user
        self.label = label
        context = {
            "lang": "en_US",
            "tz": user.tz or "UTC",
            "uid": user.id,
            "allowed_company_ids": user.company_id.ids,
        }
        self.env = env(user=user.id, su=False, context=context)
        self.failures = []
        self.counts = {
            "menus": 0,
            "views": 0,
            "filters": 0,
            "forms_with_record": 0,
            "new_forms": 0,
            "line_forms": 0,
        }
        self.forms_without_record = set()
        self.clicked_search_views = set()

    # ------------------------------------------------------------------
    def _call(self, where, func, *args, **kwargs):
        """One RPC: its own savepoint and cache, as a request has."""
        cr = self.env.cr
        self.env.invalidate_all()
        try:
            with cr.savepoint():
                return func(*args, **kwargs)
        except Exception as error:  # noqa: BLE001 - every error is a finding
            tb = traceback.format_exception(error)
            self.failures.append(
                f"[{self.label}] {where}: {type(error).__name__}: {error}\n"
                + "".join(tb[-4:]).rstrip()
            )
            return None
        finally:
            self.env.invalidate_all(flush=False)

    def _eval_context(self):
        tz_today = fields.Date.context_today(self.env.user)
        return {
            "uid": self.user.id,
            "context_today": lambda: tz_today,
            "current_date": tz_today.strftime("%Y-%m-%d"),
            "today": tz_today.strftime("%Y-%m-%d"),
            "now": fields.Datetime.now(),
            "time": time,
            "datetime": datetime,
            "relativedelta": relativedelta,
            "allowed_company_ids": self.user.company_id.ids,
            "current_company_id": self.user.company_id.id,
            "company_id": self.user.company_id.id,
            "active_id": False,
            "active_ids": [],
            "active_model": False,
        }

    def _eval(self, expr, default):
        if not expr:
            return default
        if not isinstance(expr, str):
            return expr
        return safe_eval(expr, self._eval_context())

    # ------------------------------------------------------------------
    def visible_window_actions(self):
        menus = self.env["ir.ui.menu"].load_menus(False)
        for menu_id, menu in menus.items():
            if menu_id == "root" or menu.get("action_model") != "ir.actions.act_window":
                continue
            yield menu

    def walk(self):
        menus = self._call("load_menus", lambda: list(self.visible_window_actions())) or []
        for menu in menus:
            self.counts["menus"] += 1
            self.open_action(menu["action_id"], f"menu {menu['xmlid'] or menu['name']}")
        return self.failures

    def open_action(self, action_id, where):
        Action = self.env["ir.actions.act_window"]
        action = self._call(
            f"{where}: /web/action/load",
            lambda: clean_action(Action.sudo().browse(action_id)._get_action_dict(), self.env),
        )
        if not action:
            return
        where = f"{where} ({action['res_model']})"
        try:
            context = dict(self.env.context, **self._eval(action.get("context"), {}))
            domain = self._eval(action.get("domain"), [])
        except Exception as error:  # noqa: BLE001
            self.failures.append(f"[{self.label}] {where}: action domain/context: {error!r}")
            return
        model = self.env[action["res_model"]].with_context(context)
        views = [list(view) for view in action["views"]]
        views.append([action.get("search_view_id") and action["search_view_id"][0], "search"])
        result = self._call(
            f"{where}: get_views",
            model.get_views,
            views,
            {"action_id": action["id"], "load_filters": True, "toolbar": True},
        )
        if not result:
            return
        if model._abstract:
            # no table (a dashboard): its views show no record
            return
        search_arch = etree.fromstring(result["views"]["search"]["arch"])
        search_domain, groupby = self._search_defaults(search_arch, model, result, context)
        if not groupby and context.get("group_by"):
            groupby = context["group_by"]
            groupby = [groupby] if isinstance(groupby, str) else list(groupby)
        self._click_filters(
            model,
            search_arch,
            result["views"]["search"],
            result["models"][model._name]["fields"],
            domain,
            where,
        )
        for _view_id, view_type in action["views"]:
            view = result["views"].get(view_type)
            if not view:
                continue
            self.counts["views"] += 1
            arch = etree.fromstring(view["arch"])
            vwhere = f"{where} {view_type}"
            full_domain = Domain(domain) & search_domain
            handler = getattr(self, f"_load_{view_type}", self._load_other)
            try:
                handler(model, arch, result["models"], full_domain, domain, groupby, vwhere)
            except Exception as error:  # noqa: BLE001 - a bug of the walker is a finding too
                self.failures.append(f"[{self.label}] {vwhere}: walker: {error!r}")

    # ------------------------------------------------------------------
    def _click_filters(self, model, arch, search_view, field_infos, action_domain, where):
        """Every filter and group-by of the search view, clicked once (once
        per search view and model)."""
        key = (model._name, search_view.get("id"))
        if key in self.clicked_search_views:
            return
        self.clicked_search_views.add(key)
        for node in arch.iter("filter"):
            name = node.get("name") or node.get("string")
            fwhere = f"{where} filter {name}"
            try:
                filter_context = self._eval(node.get("context"), {})
                filter_domain = [] if node.get("date") else self._eval(node.get("domain"), [])
            except Exception as error:  # noqa: BLE001
                self.failures.append(f"[{self.label}] {fwhere}: cannot evaluate: {error!r}")
                continue
            self.counts["filters"] += 1
            if filter_context.get("group_by"):
                groupby = filter_context["group_by"]
                groupby = ([groupby] if isinstance(groupby, str) else list(groupby))[0]
                if field_infos.get(groupby.split(":")[0], {}).get("type") == "properties":
                    continue  # a menu of the properties: each is grouped by its own name
                groupby = self._date_groupby(groupby, field_infos)
                self._call(
                    fwhere, model.formatted_read_group, action_domain, [groupby], ["__count"]
                )
            elif filter_domain:
                self._call(
                    fwhere, model.search_count, Domain(action_domain) & Domain(filter_domain)
                )

    def _search_defaults(self, arch, model, result, context):
        """The filters and group-bys ``search_default_*`` turns on: filters
        of one group are or-ed, groups and fields and-ed."""
        groups, current, groupby = [], [], []
        field_infos = result["models"][model._name]["fields"]

        def close():
            if current:
                groups.append(list(current))
                current.clear()

        def walk(element):
            for node in element:
                if not isinstance(node.tag, str):
                    continue
                if node.tag == "filter":
                    name = node.get("name")
                    if not name or not context.get(f"search_default_{name}"):
                        continue
                    filter_context = self._eval(node.get("context"), {})
                    if filter_context.get("group_by"):
                        groupby.append(filter_context["group_by"])
                    elif node.get("domain") and not node.get("date"):
                        current.append(self._eval(node.get("domain"), []))
                elif node.tag == "separator":
                    close()
                elif node.tag == "field":
                    close()
                    value = context.get(f"search_default_{node.get('name')}")
                    if value:
                        groups.append([self._field_domain(node, value, field_infos)])
                elif node.tag == "group":
                    close()
                    walk(node)
                    close()
                else:
                    walk(node)

        walk(arch)
        close()
        return Domain.AND(Domain.OR(group) for group in groups), groupby

    def _field_domain(self, node, value, field_infos):
        """The domain of a search view's field searched for ``value``."""
        if node.get("filter_domain"):
            return safe_eval(node.get("filter_domain"), dict(self._eval_context(), self=value))
        name = node.get("name")
        ftype = field_infos.get(name, {}).get("type")
        operator = node.get("operator") or ("ilike" if ftype in ("char", "text", "html") else "=")
        return [(name, "in" if isinstance(value, list) else operator, value)]

    # ------------------------------------------------------------------
    def _aggregates(self, arch, field_infos):
        return [
            f"{node.get('name')}:{node.get(op)}"
            if node.get(op) in ("sum", "avg", "min", "max")
            else f"{node.get('name')}:{op}"
            for node in view_field_nodes(arch)
            for op in ("sum", "avg")
            if node.get(op) and field_infos.get(node.get("name"), {}).get("store")
        ]

    def _load_list(self, model, arch, models, domain, action_domain, groupby, where):
        spec = fields_spec(arch, model._name, models)
        limit = int(arch.get("limit") or VIEW_LIMITS["list"])
        self._call(f"{where} web_search_read", model.web_search_read, domain, spec, limit=limit)
        if groupby:
            aggregates = self._aggregates(arch, models[model._name]["fields"])
            self._call(
                f"{where} web_read_group {groupby}",
                model.web_read_group,
                domain,
                groupby,
                aggregates,
                auto_unfold=True,
                unfold_read_specification=spec,
            )

    def _load_kanban(self, model, arch, models, domain, action_domain, groupby, where):
        spec = fields_spec(arch, model._name, models)
        limit = int(arch.get("limit") or VIEW_LIMITS["kanban"])
        self._call(f"{where} web_search_read", model.web_search_read, domain, spec, limit=limit)
        groupby = groupby or (
            [arch.get("default_group_by")] if arch.get("default_group_by") else []
        )
        if groupby:
            self._call(
                f"{where} web_read_group {groupby}",
                model.web_read_group,
                domain,
                groupby[:1],
                auto_unfold=True,
                unfold_read_specification=spec,
                unfold_read_default_limit=limit,
            )
            progressbar = arch.find("progressbar")
            if progressbar is not None:
                self._call(
                    f"{where} read_progress_bar",
                    model.read_progress_bar,
                    domain,
                    groupby[0],
                    {
                        "field": progressbar.get("field"),
                        "colors": self._eval(progressbar.get("colors"), {}),
                    },
                )

    def _load_hierarchy(self, model, arch, models, domain, action_domain, groupby, where):
        spec = fields_spec(arch, model._name, models)
        parent = arch.get("parent_field") or "parent_id"
        spec.setdefault(parent, {"fields": {"display_name": {}}})
        self._call(f"{where} web_search_read", model.web_search_read, domain, spec)

    def _load_calendar(self, model, arch, models, domain, action_domain, groupby, where):
        names = {node.get("name") for node in view_field_nodes(arch)}
        names |= {
            arch.get(attr)
            for attr in ("date_start", "date_stop", "date_delay", "color", "all_day")
            if arch.get(attr)
        }
        self._call(f"{where} search_read", model.search_read, domain, sorted(names))

    def _load_activity(self, model, arch, models, domain, action_domain, groupby, where):
        spec = fields_spec(arch, model._name, models)
        self._call(f"{where} web_search_read", model.web_search_read, domain, spec)
        Activity = self.env["mail.activity"].with_context(model.env.context)
        self._call(
            f"{where} get_activity_data",
            Activity.get_activity_data,
            model._name,
            domain,
        )

    def _groupbys(self, arch, context_key, context):
        rows, cols, measures = [], [], []
        for node in view_field_nodes(arch):
            name = node.get("name")
            interval = node.get("interval")
            groupby = f"{name}:{interval}" if interval else name
            kind = node.get("type")
            if kind == "row":
                rows.append(groupby)
            elif kind == "col":
                cols.append(groupby)
            elif kind == "measure":
                measures.append(name)
        return rows, cols, measures

    def _measure_specs(self, measures, field_infos):
        specs = []
        for name in measures or ["__count"]:
            if name == "__count":
                specs.append("__count")
            else:
                aggregator = field_infos.get(name, {}).get("aggregator") or "sum"
                specs.append(f"{name}:{aggregator}")
        return specs

    def _date_groupby(self, groupby, field_infos):
        name = groupby.split(":")[0]
        if ":" not in groupby and field_infos.get(name, {}).get("type") in ("date", "datetime"):
            return f"{groupby}:month"
        return groupby

    def _load_pivot(self, model, arch, models, domain, action_domain, groupby, where):
        context = model.env.context
        field_infos = models[model._name]["fields"]
        rows, cols, measures = self._groupbys(arch, "pivot", context)
        rows = groupby or context.get("pivot_row_groupby") or rows
        cols = context.get("pivot_column_groupby") or cols
        measures = context.get("pivot_measures") or measures
        rows = [self._date_groupby(g, field_infos) for g in rows]
        cols = [self._date_groupby(g, field_infos) for g in cols]
        sets = [
            rows[:r] + cols[:c]
            for r, c in itertools.product(range(len(rows) + 1), range(len(cols) + 1))
        ]
        self._call(
            f"{where} formatted_read_grouping_sets {sets}",
            model.formatted_read_grouping_sets,
            domain,
            sets,
            self._measure_specs(measures, field_infos),
        )

    def _load_graph(self, model, arch, models, domain, action_domain, groupby, where):
        context = model.env.context
        field_infos = models[model._name]["fields"]
        rows, cols, measures = self._groupbys(arch, "graph", context)
        groupbys = groupby or context.get("graph_groupbys") or (rows + cols)
        groupbys = [self._date_groupby(g, field_infos) for g in groupbys]
        measure = context.get("graph_measure") or (measures[:1] or ["__count"])[0]
        self._call(
            f"{where} formatted_read_group {groupbys}",
            model.formatted_read_group,
            domain,
            groupbys,
            self._measure_specs([measure], field_infos),
        )

    def _load_form(self, model, arch, models, domain, action_domain, groupby, where):
        spec = fields_spec(arch, model._name, models)
        spec.setdefault("display_name", {})
        record = self._call(f"{where} search", model.search, action_domain, limit=1)
        if record:
            self.counts["forms_with_record"] += 1
            values = self._call(
                f"{where} web_read {record}",
                record.with_context(bin_size=True).web_read,
                spec,
            )
            if values:
                self._open_lines(model, arch, models, values[0], where)
        elif record is not None:
            self.forms_without_record.add(model._name)
        can_create = arch.get("create") not in ("0", "false", "False") and model.env.context.get(
            "create", True
        )
        if can_create and model.has_access("create"):
            self.counts["new_forms"] += 1
            onchange_spec = fields_spec(arch, model._name, models, with_invisible=True)
            onchange_spec.setdefault("display_name", {})
            self._call(f"{where} onchange (new)", model.onchange, {}, [], onchange_spec)

    def _open_lines(self, model, arch, models, values, where):
        """Click the first line of each x2many list or kanban of the form
        that opens lines in a form (not edited in place): the line's form,
        the embedded one or the comodel's, read as the web client does."""
        field_infos = models[model._name]["fields"]
        for node in view_field_nodes(arch):
            name = node.get("name")
            info = field_infos[name]
            if info["type"] not in ("one2many", "many2many") or node.get("widget"):
                continue
            subview = _x2many_subview(node)
            if subview is None or _is_always_invisible(node) or subview.get("editable"):
                continue
            line_ids = [
                line["id"] if isinstance(line, dict) else line for line in values.get(name) or []
            ]
            if not line_ids:
                continue
            comodel = model.env[info["relation"]]
            lwhere = f"{where} > {name} line form"
            form = node.find("form")
            line_models = models
            if form is None:
                result = self._call(f"{lwhere}: get_views", comodel.get_views, [[False, "form"]])
                if not result:
                    continue
                form = etree.fromstring(result["views"]["form"]["arch"])
                line_models = result["models"]
            line_spec = fields_spec(form, comodel._name, line_models)
            line_spec.setdefault("display_name", {})
            self.counts["line_forms"] += 1
            self._call(f"{lwhere} web_read", comodel.browse(line_ids[:1]).web_read, line_spec)

    def _load_other(self, model, arch, models, domain, action_domain, groupby, where):
        """Other view types (map, gantt, ...): read the fields they name."""
        spec = fields_spec(arch, model._name, models)
        self._call(f"{where} web_search_read", model.web_search_read, domain, spec, limit=80)


def read_form(record, view_id=False):
    """``record`` read as the web client opens it in its form (as its
    environment's user): ``get_views``, then ``web_read`` with the form's
    full specification (in a fresh cache, as a request)."""
    record.env.invalidate_all()
    result = record.get_views([(view_id, "form")])
    arch = etree.fromstring(result["views"]["form"]["arch"])
    spec = fields_spec(arch, record._name, result["models"])
    spec.setdefault("display_name", {})
    return record.with_context(bin_size=True).web_read(spec)


def form_onchange_spec(model, view_id=False):
    """The specification the web client sends to ``onchange`` from the form."""
    result = model.get_views([(view_id, "form")])
    arch = etree.fromstring(result["views"]["form"]["arch"])
    spec = fields_spec(arch, model._name, result["models"], with_invisible=True)
    spec.setdefault("display_name", {})
    return spec
