"""Write the import templates of pm.unit (pm_aftersales/static/xls/*.xlsx).

The Chinese template has the columns of a property company's sheet
(楼栋 / 单元 / 房号 / 面积 / 交付日期 / 业主 / 电话 ...), which the addon's saved
import mappings (data/registry/base_import_mapping_data.xml) map to the
fields; the English one has the fields' labels. Run it again after changing
the columns:  .venv/bin/python scripts/gen_import_templates.py
"""

import datetime
from pathlib import Path

import xlsxwriter

OUT = Path(__file__).resolve().parent.parent / "pm_aftersales" / "static" / "xls"

ZH = [
    "小区", "楼栋", "单元", "房号", "楼层", "面积", "用途", "交付日期",
    "业主", "电话", "共有人", "共有人电话", "租户", "租户电话",
]  # fmt: skip
EN = [
    "Estate Name", "Building Name", "Entrance", "Unit Number", "Floor", "Floor Area (m²)",
    "Usage", "Handover Date", "Owner Name", "Owner Phone", "Co-owner Names",
    "Co-owner Phones", "Tenant Name", "Tenant Phone",
]  # fmt: skip
ROWS_ZH = [
    ["翠湖花园", "1号楼", "1", "101", 1, 89.5, "住宅", datetime.date(2024, 6, 30),
     "张伟", "13800000001", "", "", "", ""],
    ["翠湖花园", "1号楼", "1", "1201", 12, 120.3, "住宅", datetime.date(2024, 6, 30),
     "李娜", "13800000002", "王强、赵敏", "13800000003、13800000004", "", ""],
    ["翠湖花园", "2号楼", "2", "1201", 12, 120.3, "住宅", datetime.date(2024, 6, 30),
     "张伟", "13800000001", "", "", "刘洋", "13900000005"],
]  # fmt: skip
ROWS_EN = [
    ["Green Lake", "Building 1", "1", "101", 1, 89.5, "Residential",
     datetime.date(2024, 6, 30), "Zhang Wei", "13800000001", "", "", "", ""],
    ["Green Lake", "Building 1", "1", "1201", 12, 120.3, "Residential",
     datetime.date(2024, 6, 30), "Li Na", "13800000002", "Wang Qiang, Zhao Min",
     "13800000003, 13800000004", "", ""],
    ["Green Lake", "Building 2", "2", "1201", 12, 120.3, "Residential",
     datetime.date(2024, 6, 30), "Zhang Wei", "13800000001", "", "", "Liu Yang",
     "13900000005"],
]  # fmt: skip


def write(path, headers, rows):
    workbook = xlsxwriter.Workbook(str(path))
    sheet = workbook.add_worksheet("pm.unit")
    bold = workbook.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
    date = workbook.add_format({"num_format": "yyyy-mm-dd"})
    text = workbook.add_format({"num_format": "@"})
    for col, header in enumerate(headers):
        sheet.write(0, col, header, bold)
        sheet.set_column(col, col, max(10, len(header) * 2 if header.isascii() else 12))
    for row_index, row in enumerate(rows, 1):
        for col, value in enumerate(row):
            if isinstance(value, datetime.date):
                sheet.write_datetime(
                    row_index, col, datetime.datetime(*value.timetuple()[:3]), date
                )
            elif isinstance(value, str):
                # phones and unit numbers stay text (no 1.38E+10, no lost zeros)
                sheet.write_string(row_index, col, value, text)
            else:
                sheet.write_number(row_index, col, value)
    sheet.freeze_panes(1, 0)
    workbook.close()


if __name__ == "__main__":
    OUT.mkdir(parents=True, exist_ok=True)
    write(OUT / "pm_unit_import_zh_CN.xlsx", ZH, ROWS_ZH)
    write(OUT / "pm_unit_import.xlsx", EN, ROWS_EN)
    print(f"written in {OUT}")
