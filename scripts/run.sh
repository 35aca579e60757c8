#!/usr/bin/env bash
# make run: create (once) a database with pm_aftersales and its demo data,
# then serve it on 127.0.0.1:$HTTP_PORT.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
require_odoo
write_conf
if [ "$(module_state "$DB")" != "installed" ]; then
    prepare_db "$DB"
fi
cat <<MSG

  pm_aftersales is starting: http://127.0.0.1:$HTTP_PORT/web/login   (database: $DB)

  Demo logins (password = login):
    admin       administrator (English)
    manager     经理 王建国            (Manager)
    supervisor  客服主管 李敏          (Customer-Service Supervisor)
    assistant   客户服务助理 陈静      (Customer-Service Assistant)
    engineer    工程主管 刘强          (Engineering Supervisor)
    tech        维修技术员 张伟        (Technician, 水电班组)
    owner       业主 (portal)          http://127.0.0.1:$HTTP_PORT/my
    developer   开发商代表 (portal)    http://127.0.0.1:$HTTP_PORT/my/rectifications
    contractor  施工单位代表 (portal)  http://127.0.0.1:$HTTP_PORT/my/rectifications

  Stop with Ctrl-C.
MSG
exec "$(dirname "$PYTHON")/odoo" -c "$ODOO_CONF" -d "$DB" --db-filter="^$DB\$" "$@"
