"""The columns of each report's sheet that hold a JSON field, for the checkers of the Excel files
(scripts/xlsx-check.py with openpyxl, scripts/office-check.py with LibreOffice).

COLUMNS[REPORT] is a list of functions: each takes one line of the report's JSON and answers
(column index, kind, the JSON's value), the kind being text, int, decimal, ratio, count_or_ratio
or date. ranking_items(line) adds a ranking's item scores.
"""


def text(column, key):
    return lambda line: (column, "text", line.get(key))


def integer(column, key):
    return lambda line: (column, "int", line.get(key))


def ratio(column, key):
    return lambda line: (column, "ratio", line.get(key))


def day(column, key):
    return lambda line: (column, "date", line.get(key))


def joined(column, key):
    return lambda line: (column, "text", " ".join(line.get(key) or []) or None)


def mark(column, key):
    return lambda line: (column, "text", "○" if line.get(key) else "×")


def decimal(column, key):
    return lambda line: (column, "decimal", line.get(key))


def count_or_ratio(column, key):
    return lambda line: (column, "count_or_ratio", line.get(key))


def next_due(column):
    def due(line):
        stage = next((s for s in line.get("stages", []) if s["status"] != "met"), None)
        return column, "date", stage["due_on"] if stage else None
    return due


def ranking_items(line):
    return [(7 + index, "decimal", score) for index, score in enumerate(line["items"].values())]


COLUMNS = {
    "headcount": [text(0, "unit_code"), integer(3, "headcount")],
    "coverage": [text(0, "unit_code"), text(2, "skill_code"), integer(3, "level"), integer(4, "headcount"),
                 integer(5, "count"), ratio(6, "ratio")],
    "completion": [text(0, "unit_code"), integer(2, "headcount"), integer(3, "count"), ratio(4, "ratio")],
    "leaders": [text(0, "unit_code"), joined(2, "leaders"), joined(3, "sub_leaders")],
    "targets": [integer(0, "target_index"), count_or_ratio(2, "actual"), count_or_ratio(3, "goal"), mark(4, "met")],
    "impact": [integer(0, "target_index"), mark(2, "before"), mark(3, "after")],
    "rankings": [text(0, "employee_no"), text(1, "name"), text(2, "group"), decimal(3, "total"), integer(4, "rank"),
                 ratio(5, "percentile")],
    "plans": [text(0, "employee_no"), text(1, "name"), text(2, "unit_code"), text(3, "template"), next_due(6)],
    "expiring": [text(0, "employee_no"), text(2, "cert_code"), day(4, "expires_on")],
    "staff": [text(0, "employee_no"), text(1, "name"), text(2, "kana"), text(3, "unit_code"), text(4, "unit_name"),
              text(5, "grade")],
    "roles": [text(0, "user"), text(1, "employee_no"), text(2, "name"), text(4, "unit_code"), text(5, "unit_name"),
              day(6, "valid_from"), day(7, "valid_to")],
}
