"""Reads a report's Excel file back with openpyxl and compares it with the same report's JSON.

    xlsx-check.py REPORT FILE.xlsx FILE.json TENANT DAY [SAME.xlsx]

Every row of the JSON document is a row of the sheet, in order. Each column that holds a JSON
field must hold its value with the type reference §10 gives it: codes, numbers and names as text
(leading zeros kept), counts as numbers, ratios as numbers shown as a percentage, totals with two
decimals, days as dates. Also: the header row is frozen and filtered, every column is at least as
wide as its widest text (a full-width character counting two), and the workbook's title names the
report's tenant and day. With SAME.xlsx (the service's `?format=xlsx` beside the CLI's file), the two
workbooks must be one sheet: the same title and sheet name, headers, values, types, number formats,
column widths, frozen pane and filter. Prints what differs and exits 1.
"""
import datetime
import json
import sys
import unicodedata

import openpyxl

from report_columns import COLUMNS, ranking_items

REPORT, XLSX, JSON_FILE, TENANT, DAY = sys.argv[1:6]
SAME = sys.argv[6] if len(sys.argv) > 6 else None
problems = []


def problem(text):
    if len(problems) < 20:
        problems.append(text)


def width(value):
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in str(value))


def compare(row_number, cell, kind, expected):
    where = f"{REPORT} row {row_number} column {cell.column_letter}"
    value = cell.value
    if expected is None:
        if value is not None:
            problem(f"{where}: {value!r} where the JSON has null")
        return
    if kind == "text":
        if cell.data_type != "s" or value != expected:
            problem(f"{where}: {value!r} ({cell.data_type}) is not the text {expected!r}")
        elif cell.number_format != "@":
            problem(f"{where}: text shown as {cell.number_format!r}, not @")
    elif kind in ("int", "decimal", "ratio", "count_or_ratio"):
        number = float(expected)
        if cell.data_type != "n" or isinstance(value, (bool, str)) or value is None or abs(value - number) > 5e-7:
            problem(f"{where}: {value!r} ({cell.data_type}) is not the number {expected!r}")
            return
        shown = {"int": "0", "decimal": "0.00", "ratio": "0.0%"}.get(kind)
        if kind == "count_or_ratio":
            shown = "0" if number == int(number) else "0.0%"
        if cell.number_format != shown:
            problem(f"{where}: {expected!r} shown as {cell.number_format!r}, not {shown!r}")
    elif kind == "date":
        if not cell.is_date or value.date() != datetime.date.fromisoformat(expected):
            problem(f"{where}: {value!r} is not the date {expected}")


workbook = openpyxl.load_workbook(XLSX)
sheet = workbook.active
document = json.load(open(JSON_FILE))
lines = document["changes"] if REPORT == "impact" else document
rows = list(sheet.iter_rows(min_row=2))
if len(rows) != len(lines):
    problem(f"{REPORT}: {len(rows)} rows where the JSON has {len(lines)}")
for number, (row, line) in enumerate(zip(rows, lines), start=2):
    expected = [column(line) for column in COLUMNS[REPORT]]
    if REPORT == "rankings":
        expected += ranking_items(line)
    for column, kind, value in expected:
        compare(number, row[column], kind, value)
if sheet.freeze_panes != "A2":
    problem(f"{REPORT}: the frozen pane is {sheet.freeze_panes!r}, not below the header row")
if not sheet.auto_filter.ref or not sheet.auto_filter.ref.startswith("A1:") \
        or int("".join(c for c in sheet.auto_filter.ref.split(":")[1] if c.isdigit())) != len(lines) + 1:
    problem(f"{REPORT}: the autofilter {sheet.auto_filter.ref!r} does not cover the header and every row")
for index, column in enumerate(sheet.iter_cols(min_row=1, max_row=min(sheet.max_row, 2000))):
    widest = max((width(c.value) for c in column if c.data_type == "s" and c.value), default=0)
    letter = openpyxl.utils.get_column_letter(index + 1)
    given = sheet.column_dimensions[letter].width
    if widest and widest <= 60 and (given is None or given < widest):
        problem(f"{REPORT}: column {letter} is {given} wide for text {widest} wide")
title = workbook.properties.title or ""
if TENANT not in title or DAY not in title:
    problem(f"{REPORT}: the workbook's title {title!r} does not name {TENANT} and {DAY}")
if SAME:
    other_book = openpyxl.load_workbook(SAME)
    other = other_book.active
    if (other_book.properties.title or "") != title:
        problem(f"{REPORT}: the title {title!r} is {other_book.properties.title!r} in {SAME}")
    if other.title != sheet.title:
        problem(f"{REPORT}: the sheet {sheet.title!r} is {other.title!r} in {SAME}")
    if (other.max_row, other.max_column) != (sheet.max_row, sheet.max_column):
        problem(f"{REPORT}: {sheet.max_row}×{sheet.max_column} cells, {other.max_row}×{other.max_column} in {SAME}")
    if other.freeze_panes != sheet.freeze_panes or other.auto_filter.ref != sheet.auto_filter.ref:
        problem(f"{REPORT}: the frozen pane or the filter differs in {SAME}")
    for mine, theirs in zip(sheet.iter_rows(), other.iter_rows()):
        for a, b in zip(mine, theirs):
            if (a.value, a.data_type, a.number_format) != (b.value, b.data_type, b.number_format):
                problem(f"{REPORT} {a.coordinate}: {a.value!r} ({a.data_type}, {a.number_format}) is "
                        f"{b.value!r} ({b.data_type}, {b.number_format}) in {SAME}")
    for index in range(1, sheet.max_column + 1):
        letter = openpyxl.utils.get_column_letter(index)
        if sheet.column_dimensions[letter].width != other.column_dimensions[letter].width:
            problem(f"{REPORT}: column {letter} is {sheet.column_dimensions[letter].width} wide, "
                    f"{other.column_dimensions[letter].width} in {SAME}")
if problems:
    print("\n".join(problems))
    sys.exit(1)
same = ", the same sheet as the CLI's" if SAME else ""
print(f"{REPORT}: {len(lines)} rows, every value and type as the JSON's{same}")
