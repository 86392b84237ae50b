"""Compares what LibreOffice shows of a report's Excel file with the same report's JSON.

    office-check.py REPORT SHOWN.csv RAW.csv FILE.json iso|wareki

SHOWN.csv and RAW.csv are the sheet converted by `soffice --convert-to csv` with every text cell
quoted, the first with the cells' contents as shown (their number formats applied), the second
without ("save cell contents as shown" off: full precision, though LibreOffice still writes a
percentage with % and a date as a date). Standard library only.

Every row of the JSON document is a row of the sheet, in order, below one header row. In each
column that holds a JSON field (scripts/report_columns.py): codes, employee numbers and names are
text cells, shown exactly as the JSON's (leading zeros kept, =SUM(A1) not a formula); counts are
numbers shown without decimals; totals show two decimals; ratios show as a percentage with one
decimal (66.7%) and their full value is the JSON's (to its 6 decimals); days are dates shown 2026-04-01, or with
--date-style wareki 令和8年4月1日 (令和1年5月1日 for a first year: the [$-411] format says 1年,
as Excel and LibreOffice both show it); null is an empty cell.
Prints what differs and exits 1.
"""
import datetime
import json
import sys
from decimal import ROUND_HALF_UP, Decimal

from report_columns import COLUMNS, ranking_items

REPORT, SHOWN, RAW, JSON_FILE, STYLE = sys.argv[1:6]
problems = []

# The eras from their first day, newest first (as Day+Wareki.swift and LibreOffice's gengou calendar).
ERAS = [
    (datetime.date(2019, 5, 1), "令和"),
    (datetime.date(1989, 1, 8), "平成"),
    (datetime.date(1926, 12, 25), "昭和"),
    (datetime.date(1912, 7, 30), "大正"),
    (datetime.date(1868, 1, 1), "明治"),
]


def problem(text):
    if len(problems) < 20:
        problems.append(text)


def read_csv(path):
    """The rows of a CSV file as lists of (value, quoted): csv.reader forgets the quotes."""
    rows, row, field, quoted, i = [], [], [], False, 0
    text = open(path, encoding="utf-8").read()
    if text.startswith("\ufeff"):
        text = text[1:]
    at_start = True
    while i < len(text):
        c = text[i]
        if at_start and c == '"':
            quoted, at_start, i = True, False, i + 1
            while True:
                j = text.index('"', i)
                field.append(text[i:j])
                if text[j + 1:j + 2] == '"':
                    field.append('"')
                    i = j + 2
                else:
                    i = j + 1
                    break
            continue
        at_start = False
        if c == ",":
            row.append(("".join(field), quoted))
            field, quoted, at_start = [], False, True
        elif c == "\n" or c == "\r":
            row.append(("".join(field), quoted))
            rows.append(row)
            row, field, quoted, at_start = [], [], False, True
            if c == "\r" and text[i + 1:i + 2] == "\n":
                i += 1
        else:
            field.append(c)
        i += 1
    if field or row or quoted:
        row.append(("".join(field), quoted))
        rows.append(row)
    return rows


def wareki(iso):
    day = datetime.date.fromisoformat(iso)
    first, name = next((first, name) for first, name in ERAS if first <= day)
    number = day.year - first.year + 1
    return f"{name}{number}年{day.month}月{day.day}日"


def rounded(value, places):
    return str(Decimal(str(value)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP))


def letter(index):
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(ord("A") + rest) + name
    return name


def close(held, json_value):
    """JSON keeps 6 decimals of a ratio (reference §5.2): within half of the sixth, as xlsx-check.py."""
    return abs(held - json_value) <= 5e-7 + 1e-12


def compare(where, shown, raw, kind, expected):
    (value, quoted), (full, full_quoted) = shown, raw
    if expected is None:
        if value or quoted:
            problem(f"{where}: {value!r} where the JSON has null (an empty cell)")
        return
    if kind == "text":
        if not (quoted and full_quoted) or value != expected or full != expected:
            problem(f"{where}: LibreOffice shows {value!r}{'' if quoted else ' (a number)'}, not the text {expected!r}")
        return
    if quoted or full_quoted:
        problem(f"{where}: LibreOffice holds the text {value!r}, not a {'date' if kind == 'date' else 'number'}")
        return
    if kind == "date":
        want = wareki(expected) if STYLE == "wareki" else expected
        if value != want:
            problem(f"{where}: LibreOffice shows {value!r}, not {want!r} (the date {expected})")
        return
    number = Decimal(str(expected))
    if kind == "count_or_ratio":
        kind = "int" if number == number.to_integral_value() else "ratio"
    want = {"int": lambda: rounded(number, 0), "decimal": lambda: rounded(number, 2),
            "ratio": lambda: rounded(number * 100, 1) + "%"}[kind]()
    if value != want:
        problem(f"{where}: LibreOffice shows {value!r}, not {want!r} (the JSON's {expected})")
    try:
        held = float(full[:-1]) / 100 if kind == "ratio" and full.endswith("%") else float(full)
    except ValueError:
        held = None
    if held is None or not close(held, float(number)):
        problem(f"{where}: LibreOffice holds {full!r}, not the JSON's {expected}")


shown_rows, raw_rows = read_csv(SHOWN), read_csv(RAW)
document = json.load(open(JSON_FILE, encoding="utf-8"), parse_float=Decimal)
lines = document["changes"] if REPORT == "impact" else document
if not shown_rows or not all(quoted and value for value, quoted in shown_rows[0]):
    problem(f"{REPORT}: the first row {shown_rows[:1]!r} is not a header of text cells")
if len(shown_rows) - 1 != len(lines) or len(raw_rows) != len(shown_rows):
    problem(f"{REPORT}: LibreOffice shows {len(shown_rows) - 1} rows (and {len(raw_rows) - 1}) where the JSON has {len(lines)}")
width = len(shown_rows[0]) if shown_rows else 0
for number, (shown, raw, line) in enumerate(zip(shown_rows[1:], raw_rows[1:], lines), start=2):
    expected = [column(line) for column in COLUMNS[REPORT]]
    if REPORT == "rankings":
        expected += ranking_items(line)
    # A row may end before its empty cells.
    shown += [("", False)] * (width - len(shown))
    raw += [("", False)] * (width - len(raw))
    for column, kind, value in expected:
        where = f"{REPORT} row {number} column {letter(column)}"
        if column >= width:
            problem(f"{where}: no such column in LibreOffice's sheet of {width}")
            continue
        compare(where, shown[column], raw[column], kind, value)
if problems:
    print("\n".join(problems))
    sys.exit(1)
print(f"{REPORT}: {len(lines)} rows as LibreOffice shows them, every value as the JSON's"
      f"{' (dates in 和暦)' if STYLE == 'wareki' else ''}")
