"""The web dashboard in a real browser (headless Chromium), against the demo city.

Run by `make test-ui` (scripts/test-ui.sh), which starts the service and sets
DXSKILLS_UI_URL, DXSKILLS_UI_BIN, DXSKILLS_UI_SCREENSHOTS and DXSKILLS_UI_TOKEN_<user>.
Numbers on the pages are compared with the CLI's JSON for the same user, so the
dashboard and `dxskills` must agree exactly.
"""

import base64
import datetime
import io
import json
import math
import os
import pathlib
import re
import subprocess
import tempfile
import time
import unittest
import urllib.parse
import urllib.request
import zipfile

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

URL = os.environ["DXSKILLS_UI_URL"]
BIN = os.environ["DXSKILLS_UI_BIN"]
SHOTS = pathlib.Path(os.environ.get("DXSKILLS_UI_SCREENSHOTS", "build/screenshots"))
AS_OF = "2026-04-01"
LEVEL = 2


def token(user):
    return os.environ[f"DXSKILLS_UI_TOKEN_{user}"]


def cli(user, *args, lang=None):
    """Runs a client command as `user`; returns its stdout bytes."""
    env = dict(os.environ, DXSKILLS_URL=URL, DXSKILLS_TOKEN=token(user), LANG="C.UTF-8")
    done = subprocess.run([BIN, *args, *(["--lang", lang] if lang else [])], env=env, capture_output=True)
    if done.returncode != 0:
        raise AssertionError(f"dxskills {' '.join(args)}: exit {done.returncode}: {done.stderr.decode()[-2000:]}")
    return done.stdout


def wareki(day):
    """令和 text of a day (the demo's days are all in 令和)."""
    year = day.year - 2018
    return f"令和{'元' if year == 1 else year}年{day.month}月{day.day}日"


def cli_json(user, *args):
    return json.loads(cli(user, *args, "--format", "json"))


class Dashboard(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        SHOTS.mkdir(parents=True, exist_ok=True)
        cls.downloads = tempfile.mkdtemp(prefix="dxskills-ui-dl-")
        options = webdriver.ChromeOptions()
        options.binary_location = "/usr/bin/chromium"
        for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                     "--window-size=1280,900", "--lang=ja"):
            options.add_argument(flag)
        options.add_experimental_option("prefs", {"download.default_directory": cls.downloads,
                                                  "download.prompt_for_download": False})
        cls.driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
        cls.driver.execute_cdp_cmd("Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": cls.downloads})
        # Targets for FY2026, so the targets page and the transfer preview have something to evaluate.
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
            json.dump({"fiscal_year": 2026, "targets": [
                {"type": "leaders_per_unit", "unit_kind": "課", "min": 1},
                {"type": "skill_ratio", "skill": "L-SEC", "level": 2, "min_ratio": 0.3, "unit_kind": "部"},
                {"type": "completion_ratio", "course": "DX-101", "min_ratio": 0.5}]}, f)
        cli("hr1", "targets", "set", f.name)

    @classmethod
    def tearDownClass(cls):
        cls.driver.quit()

    def setUp(self):
        self.driver.set_window_size(1280, 900)
        self.driver.delete_all_cookies()

    # helpers

    def open(self, path):
        self.driver.get(URL + path)

    def click(self, element):
        """Clicks a link or button that loads another page, and waits for that page."""
        page = self.driver.find_element(By.TAG_NAME, "html")
        element.click()

        def replaced(_):
            # Chromium sometimes answers for a node of the old document with a generic inspector
            # error instead of "stale element": either way the old page is gone.
            try:
                page.is_enabled()
                return False
            except WebDriverException:
                return True

        WebDriverWait(self.driver, 30).until(replaced)
        WebDriverWait(self.driver, 30).until(
            lambda d: d.execute_script("return document.readyState") == "complete")

    def sign_in(self, user):
        """The demo user's name and password on the sign-in form (make run prints them)."""
        self.open("/signin")
        self.driver.find_element(By.ID, "user").send_keys(user)
        self.driver.find_element(By.ID, "password").send_keys(f"{user}-minato-demo")
        self.click(self.driver.find_element(By.ID, "signin"))
        self.assertEqual(self.driver.find_element(By.ID, "user-name").text, user)

    def sign_in_with_token(self, user):
        self.open("/signin")
        self.click(self.driver.find_element(By.ID, "token-link"))
        self.driver.find_element(By.ID, "token").send_keys(token(user))
        self.click(self.driver.find_element(By.ID, "signin"))
        self.assertEqual(self.driver.find_element(By.ID, "user-name").text, user)

    def shot(self, name):
        self.driver.save_screenshot(str(SHOTS / f"{name}.png"))

    def heading(self):
        return self.driver.find_element(By.TAG_NAME, "h1").text

    def cells(self):
        """{(unit, skill): (count, headcount, text)} of the heat map."""
        found = {}
        for td in self.driver.find_elements(By.CSS_SELECTOR, "#heatmap td.cell"):
            key = (td.get_attribute("data-unit"), td.get_attribute("data-skill"))
            found[key] = (int(td.get_attribute("data-count")), int(td.get_attribute("data-headcount")), td.text,
                          td.get_attribute("title"))
        return found

    def assert_heat_map_matches_cli(self, user, unit):
        cells = self.cells()
        self.assertTrue(cells, "the heat map is empty")
        args = ["coverage", "--level", str(LEVEL), "--as-of", AS_OF] + (["--unit", unit] if unit else [])
        expected = {(l["unit_code"], l["skill_code"]): l for l in cli_json(user, *args)}
        for (u, s), (count, headcount, text, title) in cells.items():
            line = expected[(u, s)]
            self.assertEqual((count, headcount), (line["count"], line["headcount"]), f"{u} × {s}")
            shown = "n/a" if line["ratio"] is None else f"{math.floor(line['ratio'] * 100 + 0.5)}%"
            self.assertEqual(text, shown, f"{u} × {s}")
            self.assertIn(f"{count}/{headcount}", title)
        return cells

    # tests

    def test_sign_in_as_each_role_shows_its_pages(self):
        pages = {
            "admin1": {"/coverage", "/leaders", "/targets", "/transfers", "/imports/training", "/rankings", "/plans",
                       "/claims", "/notifications"},
            "hr1": {"/coverage", "/leaders", "/targets", "/transfers", "/imports/training", "/rankings", "/plans",
                    "/claims", "/notifications"},
            # The demo's manager, evaluator and staff user are staff members: they have マイページ too.
            "manager1": {"/coverage", "/leaders", "/targets", "/plans", "/me", "/claims", "/notifications"},
            "evaluator1": {"/coverage", "/leaders", "/targets", "/rankings", "/plans", "/me", "/claims",
                           "/notifications"},
            "staff1": {"/plans", "/me", "/notifications"},
        }
        for user, expected in pages.items():
            with self.subTest(user=user):
                self.driver.delete_all_cookies()
                self.sign_in(user)
                links = {urllib.parse.urlparse(a.get_attribute("href")).path
                         for a in self.driver.find_elements(By.CSS_SELECTOR, "header nav a")}
                self.assertEqual(links, expected)
                self.shot(f"home-{user}")
                cookie = self.driver.get_cookie("dxs_session")
                self.assertTrue(cookie["httpOnly"])
                self.assertEqual(cookie["sameSite"], "Strict")
                self.click(self.driver.find_element(By.ID, "signout"))
                self.assertTrue(self.driver.current_url.startswith(URL + "/signin"))
                self.open("/coverage")
                self.assertTrue(self.driver.current_url.startswith(URL + "/signin"), "signed out")

    def test_a_wrong_password_is_refused(self):
        self.open("/signin")
        self.driver.find_element(By.ID, "user").send_keys("hr1")
        self.driver.find_element(By.ID, "password").send_keys("not the password")
        self.click(self.driver.find_element(By.ID, "signin"))
        self.assertTrue(self.driver.find_element(By.ID, "signin-failed").is_displayed())
        self.assertIsNone(self.driver.get_cookie("dxs_session"))

    def test_an_administrator_signs_in_with_a_token(self):
        self.sign_in_with_token("admin1")

    def test_a_wrong_token_is_refused(self):
        self.open("/signin/token")
        self.driver.find_element(By.ID, "token").send_keys("dxs_139999_000000000000_" + "x" * 43)
        self.click(self.driver.find_element(By.ID, "signin"))
        self.assertTrue(self.driver.find_element(By.ID, "signin-failed").is_displayed())
        self.assertIsNone(self.driver.get_cookie("dxs_session"))

    def test_heat_map_numbers_equal_the_cli_and_drill_down(self):
        for user in ("hr1", "manager1"):
            with self.subTest(user=user):
                self.driver.delete_all_cookies()
                self.sign_in(user)
                self.open(f"/coverage?as_of={AS_OF}&level={LEVEL}")
                self.assertEqual(self.heading(), "組織別スキル充足")
                top = self.assert_heat_map_matches_cli(user, None)
                self.shot(f"coverage-{user}")
                drills = self.driver.find_elements(By.CSS_SELECTOR, "#heatmap a.drill")
                if user == "manager1":
                    # A 部: itself and its 課, which have nothing below them.
                    self.assertEqual(drills, [])
                    self.assertEqual(len({u for u, _ in top}), 1 + len(
                        self.driver.find_elements(By.CSS_SELECTOR, "#heatmap tbody tr:not(.selected)")))
                    continue
                drill = drills[0]
                unit = drill.get_attribute("data-unit")
                self.click(drill)
                below = self.assert_heat_map_matches_cli(user, unit)
                self.assertIn(unit, {u for u, _ in below})
                self.assertNotEqual(set(top), set(below))
                # The accessible table has the same numbers as the map.
                rows = self.driver.find_elements(By.CSS_SELECTOR, "#coverage-table tbody tr")
                self.assertEqual(len(rows), len(below))
        self.shot("coverage-drilled")
        # A 768 px tablet: the page does not overflow sideways (wide tables scroll in their own box).
        self.driver.set_window_size(768, 1024)
        self.open(f"/coverage?as_of={AS_OF}&level={LEVEL}")
        width = self.driver.execute_script("return document.documentElement.scrollWidth")
        inner = self.driver.execute_script("return window.innerWidth")
        self.assertLessEqual(width, inner)
        self.shot("coverage-tablet-768")

    def test_a_unit_outside_the_managers_scope_is_not_reachable(self):
        everything = {l["unit_code"] for l in cli_json("hr1", "headcount", "--as-of", AS_OF)}
        mine = {l["unit_code"] for l in cli_json("manager1", "headcount", "--as-of", AS_OF)}
        outside = sorted(everything - mine)[0]
        self.sign_in("manager1")
        self.open(f"/coverage?unit={outside}&as_of={AS_OF}")
        self.assertEqual(self.driver.find_element(By.ID, "error-message").text, "見つかりません。")
        self.assertNotIn(f'data-unit="{outside}"', self.driver.page_source)
        self.open(f"/coverage?unit=NO-SUCH-UNIT&as_of={AS_OF}")
        self.assertEqual(self.driver.find_element(By.ID, "error-message").text, "見つかりません。")
        self.shot("out-of-scope-404")
        self.open("/rankings?fiscal_year=2025")
        self.assertEqual(self.driver.find_element(By.ID, "error-message").text, "この操作は許可されていません。")

    def test_leaders_page_lists_sections_without_a_leader(self):
        self.sign_in("hr1")
        self.open(f"/leaders?as_of={AS_OF}")
        expected = cli_json("hr1", "leaders", "--as-of", AS_OF)
        missing = {l["unit_code"] for l in expected if not l["leaders"]}
        shown = {tr.get_attribute("data-unit") for tr in self.driver.find_elements(By.CSS_SELECTOR, "#leaders tr.missing")}
        self.assertEqual(shown, missing)
        warnings = sum(len(l["warnings"]) for l in expected)
        self.assertEqual(len(self.driver.find_elements(By.CSS_SELECTOR, "#leader-warnings li")), warnings)
        self.shot("leaders")

    def test_plans_page_shows_each_status_and_unmet_requirement_as_the_cli(self):
        self.sign_in("hr1")
        self.open(f"/plans?as_of={AS_OF}")
        expected = {p["employee_no"]: p for p in cli_json("hr1", "plans", "--as-of", AS_OF)}
        rows = self.driver.find_elements(By.CSS_SELECTOR, "#plans tbody tr")
        self.assertTrue(rows, "the plans page is empty")
        shown = {tr.get_attribute("data-employee"): tr for tr in rows}
        self.assertEqual(set(shown), set(expected))
        for employee, tr in shown.items():
            self.assertEqual(tr.get_attribute("data-status"), expected[employee]["status"], employee)
            stages = [li.get_attribute("data-stage-status") for li in tr.find_elements(By.CSS_SELECTOR, "li")]
            self.assertEqual(stages, [s["status"] for s in expected[employee]["stages"]], employee)
        behind = [e for e, p in expected.items() if p["status"] == "behind"]
        if behind:
            self.assertIn("未充足", shown[behind[0]].text)
        self.shot("plans")

    def test_targets_page_shows_met_and_unmet_per_unit(self):
        self.sign_in("manager1")
        self.open(f"/targets?fiscal_year=2026&as_of={AS_OF}")
        expected = cli_json("manager1", "targets", "report", "--fiscal-year", "2026", "--as-of", AS_OF)
        summary = self.driver.find_element(By.ID, "attainment").text
        self.assertIn(f"{sum(r['met'] for r in expected)} / {len(expected)}", summary)
        self.assertEqual(len(self.driver.find_elements(By.CSS_SELECTOR, "section.target tbody tr")), len(expected))
        self.assertEqual(len(self.driver.find_elements(By.CSS_SELECTOR, "section.target tr.unmet")),
                         sum(not r["met"] for r in expected))
        self.shot("targets")

    def upload(self, path, text, dry_run=False, fiscal_year=None):
        with tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False, encoding="utf-8") as f:
            f.write(text)
        self.open(path)
        self.driver.find_element(By.ID, "file").send_keys(f.name)
        if fiscal_year:
            self.driver.find_element(By.NAME, "fiscal_year").send_keys(fiscal_year)
        if dry_run:
            self.driver.find_element(By.NAME, "dry_run").click()
        self.click(self.driver.find_element(By.ID, "submit"))

    def test_a_bad_training_csv_shows_every_error_with_its_line(self):
        self.sign_in("hr1")
        self.upload("/imports/training",
                    "employee_no,course_code,completed_on,status\n"
                    "NOPE-1,DX-101,2026-05-01,completed\n"
                    "NOPE-2,NO-COURSE,2026-02-30,done\n")
        self.assertEqual(self.heading(), "研修実績の取込")
        lines = [int(tr.get_attribute("data-line")) for tr in self.driver.find_elements(By.CSS_SELECTOR, "#issues tr.issue")]
        self.assertIn(2, lines)
        self.assertIn(3, lines)
        self.assertEqual(int(self.driver.find_element(By.ID, "issue-count").text), len(lines))
        self.assertGreaterEqual(len(lines), 3)  # line 3 is wrong three ways
        self.shot("training-errors")

    def test_a_good_training_csv_reports_the_counts_written(self):
        employee = cli("hr1", "staff", "list", "--as-of", AS_OF, "--format", "csv").decode().splitlines()[1].split(",")[0]
        self.sign_in("hr1")
        # A day of 2027 of this run's own, so that a rerun against the same database inserts again.
        day = datetime.date(2027, 1, 1) + datetime.timedelta(days=int(time.time()) % 360)
        csv = f"職員番号,研修コード,修了日,状態\n{employee},DX-101,{day},欠席\n"
        self.upload("/imports/training", csv, dry_run=True)
        self.assertEqual(self.driver.find_element(By.ID, "rows").text, "1")
        self.assertIn("検証しました", self.driver.find_element(By.ID, "summary").text)
        self.upload("/imports/training", csv)
        self.assertEqual(self.driver.find_element(By.ID, "inserted").text, "1")
        self.shot("training-written")
        self.upload("/imports/training", csv)
        self.assertEqual(self.driver.find_element(By.ID, "unchanged").text, "1")

    def test_transfer_preview_shows_the_impact_and_writes_nothing(self):
        self.sign_in("hr1")
        self.upload("/transfers", "employee_no,unit_code,effective_on\nNOPE,S101010,2027-04-01\n")
        self.assertTrue(self.driver.find_elements(By.CSS_SELECTOR, "#issues tr.issue"))
        self.shot("transfers-errors")
        # Every staff member of a section with a leader moves to another section: the leader leaves
        # and the section's leaders_per_unit target goes from met to unmet.
        day = "2026-10-01"
        sections = [l["unit_code"] for l in cli_json("hr1", "leaders", "--as-of", day) if l["leaders"]]
        members = cli("hr1", "staff", "list", "--unit", sections[1], "--as-of", "2026-09-30", "--format", "csv").decode()
        movers = [line.split(",")[0] for line in members.splitlines()[1:]]
        csv = "employee_no,unit_code,effective_on\n" + "".join(f"{m},{sections[0]},{day}\n" for m in movers)
        before = cli("hr1", "staff", "show", movers[0], "--format", "json")
        self.upload("/transfers", csv, fiscal_year="2026")
        self.assertTrue(self.driver.find_element(By.ID, "impact").is_displayed())
        with tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False) as f:
            f.write(csv)
        expected = cli_json("hr1", "transfers", "impact", f.name, "--fiscal-year", "2026")
        self.assertTrue(expected["changes"] and expected["leaders_leaving"], "the fixture should show an impact")
        self.assertEqual(len(self.driver.find_elements(By.CSS_SELECTOR, "#changes tbody tr")), len(expected["changes"]))
        self.assertEqual(len(self.driver.find_elements(By.CSS_SELECTOR, "#leaders-leaving li")),
                         len(expected["leaders_leaving"]))
        self.assertEqual(cli("hr1", "staff", "show", movers[0], "--format", "json"), before, "the preview wrote something")
        self.shot("transfers-impact")

    def fetch_with_session(self, href):
        """GETs a link of the page with the browser's cookies, outside the browser: (status, headers, bytes)."""
        cookies = "; ".join(f"{c['name']}={c['value']}" for c in self.driver.get_cookies())
        request = urllib.request.Request(urllib.parse.urljoin(URL, href), headers={"Cookie": cookies})
        with urllib.request.urlopen(request) as response:
            return response.status, response.headers, response.read()

    def test_each_report_page_saves_its_report_as_excel(self):
        self.sign_in("hr1")
        # The page, the query the link keeps, and the CLI's JSON of the same report (its line count).
        pages = [
            (f"/coverage?as_of={AS_OF}&level={LEVEL}", ["coverage", "--level", str(LEVEL), "--as-of", AS_OF]),
            (f"/leaders?as_of={AS_OF}", ["leaders", "--as-of", AS_OF]),
            (f"/targets?fiscal_year=2026&as_of={AS_OF}", ["targets", "report", "--fiscal-year", "2026", "--as-of", AS_OF]),
            ("/rankings?fiscal_year=2025", ["rankings", "--fiscal-year", "2025"]),
            (f"/plans?as_of={AS_OF}", ["plans", "--as-of", AS_OF]),
        ]
        for page, args in pages:
            with self.subTest(page=page):
                self.open(page)
                button = self.driver.find_element(By.ID, "download-xlsx")
                self.assertTrue(button.is_displayed())
                self.assertEqual(button.text, "Excelで保存")
                href = button.get_attribute("href")
                query = urllib.parse.parse_qs(urllib.parse.urlsplit(href).query)
                self.assertEqual(query.pop("format"), ["xlsx"])
                self.assertEqual(query, urllib.parse.parse_qs(urllib.parse.urlsplit(page).query), href)
                status, headers, body = self.fetch_with_session(href)
                self.assertEqual(status, 200)
                self.assertEqual(headers["Content-Type"],
                                 "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
                self.assertIn("attachment;", headers["Content-Disposition"])
                self.assertIn("filename*=UTF-8''", headers["Content-Disposition"])
                with zipfile.ZipFile(io.BytesIO(body)) as package:
                    sheet = package.read("xl/worksheets/sheet1.xml").decode()
                expected = cli_json("hr1", *args)
                self.assertEqual(sheet.count("<row "), len(expected) + 1, "a header row and one row per line")
        self.open("/transfers")
        self.assertTrue(self.driver.find_element(By.ID, "download-xlsx").is_displayed())

    def test_ranking_download_is_byte_equal_to_the_cli_export(self):
        self.sign_in("evaluator1")
        self.open("/rankings?fiscal_year=2025")
        expected = cli_json("evaluator1", "rankings", "--fiscal-year", "2025")
        self.assertEqual(len(self.driver.find_elements(By.CSS_SELECTOR, "#ranking tbody tr")), len(expected))
        self.shot("rankings")
        for lang in ("ja", "en"):
            with self.subTest(lang=lang):
                self.open(f"/rankings?fiscal_year=2025&lang={lang}")
                for old in pathlib.Path(self.downloads).glob("*"):
                    old.unlink()
                self.driver.find_element(By.ID, "download").click()
                target = pathlib.Path(self.downloads) / "ranking_2025.csv"
                for _ in range(100):
                    if target.exists() and target.stat().st_size > 0:
                        break
                    time.sleep(0.1)
                with tempfile.TemporaryDirectory() as folder:
                    out = pathlib.Path(folder) / "cli.csv"
                    cli("evaluator1", "rankings", "--fiscal-year", "2025", "--format", "csv", "-o", str(out), lang=lang)
                    self.assertEqual(target.read_bytes(), out.read_bytes())
                self.assertTrue(target.read_bytes().startswith(b"\xef\xbb\xbf"))
        self.open("/rankings?fiscal_year=2025&lang=ja")

    # claims (申請)

    # Catalog courses of the demo without a pass score (a claim carries none) and a skill Level each
    # grants (the demo's course_skills): the test claims the first that raises staff1's Level.
    CLAIMABLE = [("SE-301", "P-SE", 3), ("BPR-201", "P-BA", 2), ("UX-201", "P-DES", 2), ("BPR-201", "L-TOOL", 2),
                 ("DX-101", "L-WHY", 1)]

    def my_levels(self):
        self.open("/me")
        return {tr.get_attribute("data-skill"): int(tr.find_element(By.TAG_NAME, "strong").text)
                for tr in self.driver.find_elements(By.CSS_SELECTOR, "#me-skills tbody tr")}

    def coverage_cell(self, unit, skill, level):
        """(count, headcount) of a unit and skill on today's heat map, as hr sees it."""
        self.open(f"/coverage?unit={unit}&level={level}")
        td = self.driver.find_element(By.CSS_SELECTOR, f'#heatmap td.cell[data-unit="{unit}"][data-skill="{skill}"]')
        return int(td.get_attribute("data-count")), int(td.get_attribute("data-headcount"))

    def become(self, user, sessions, token_value=None):
        """Signs in as `user` once, then switches back to that session (the sign-in limiter counts
        every sign-in of a user within a minute, and the whole suite signs hr1 in often)."""
        self.driver.delete_all_cookies()
        if user in sessions:
            self.open("/signin")
            self.driver.add_cookie({"name": "dxs_session", "value": sessions[user], "path": "/", "httpOnly": True,
                                    "sameSite": "Strict"})
            self.open("/")
            self.assertEqual(self.driver.find_element(By.ID, "user-name").text, user)
        elif token_value:
            self.sign_in_with_a_token(user, token_value)
        else:
            self.sign_in(user)
        sessions[user] = self.driver.get_cookie("dxs_session")["value"]

    def sign_in_with_a_token(self, user, value):
        self.open("/signin/token")
        self.driver.find_element(By.ID, "token").send_keys(value)
        self.click(self.driver.find_element(By.ID, "signin"))
        self.assertEqual(self.driver.find_element(By.ID, "user-name").text, user)

    def submit_claim(self, course, day, pdf):
        self.open("/claims/new")
        self.assertEqual(self.heading(), "新しい申請")
        self.driver.find_element(By.ID, "kind-training").click()
        self.driver.find_element(By.ID, "course").send_keys(course)
        # A date input takes the digits of the browser's locale order (ja: year, month, day).
        self.driver.execute_script("arguments[0].value = arguments[1]",
                                   self.driver.find_element(By.ID, "completed_on"), day)
        self.driver.find_element(By.ID, "evidence1").send_keys(pdf)
        self.click(self.driver.find_element(By.ID, "claim-submit"))

    def test_a_claim_goes_from_the_staff_member_through_the_manager_and_hr_to_level_and_coverage(self):
        me = cli_json("staff1", "me")["staff"]
        unit, employee = me["unit_code"], me["employee_no"]
        managed = {s["employee_no"] for s in cli_json("manager1", "staff", "list")}
        self.assertIn(employee, managed, "manager1's scope holds staff1")
        sessions = {}
        self.become("staff1", sessions)
        levels = self.my_levels()
        course, skill, level = next(c for c in self.CLAIMABLE if levels.get(c[1], 0) < c[2])
        self.become("hr1", sessions)
        count_before, headcount = self.coverage_cell(unit, skill, level)
        with tempfile.NamedTemporaryFile("wb", prefix="修了証-", suffix=".pdf", delete=False) as f:
            f.write(b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n")
        pdf = pathlib.Path(f.name)
        yesterday = (datetime.date.today() - datetime.timedelta(days=1)).isoformat()

        # The staff member claims it.
        self.become("staff1", sessions)
        self.submit_claim(course, yesterday, str(pdf))
        self.assertEqual(self.driver.find_element(By.ID, "claim-notice").text, "申請を提出しました。")
        self.assertEqual(self.driver.find_element(By.ID, "claim-state").text, "承認待ち")
        claim = int(self.driver.find_element(By.ID, "claim").get_attribute("data-claim"))
        self.assertEqual(self.driver.find_element(By.CSS_SELECTOR, "#claim-evidence a").text, pdf.name)
        self.open("/me")
        row = self.driver.find_element(By.CSS_SELECTOR, f'#me-claims tr[data-claim="{claim}"]')
        self.assertEqual(row.get_attribute("data-state"), "submitted")
        self.assertTrue(self.driver.find_element(By.ID, "me-export").get_attribute("href").endswith("/me/export"))
        self.shot("me")

        # Another section's staff member: the 404 page for the claim and its evidence.
        linked = {cli_json(u, "me")["staff"]["employee_no"] for u in ("manager1", "evaluator1", "staff1")}
        other = next(s for s in cli_json("hr1", "staff", "list")
                     if s["employee_no"] not in managed | linked and s["unit_name"].endswith("課"))
        issued = subprocess.run([BIN, "admin", "token", "issue", "--tenant", "139999", "--user", other["employee_no"]],
                                capture_output=True, check=True)
        self.become(other["employee_no"], sessions, issued.stdout.decode().strip())
        for path in (f"/claims/{claim}/evidence/1", f"/claims/{claim}"):
            self.open(path)
            self.assertEqual(self.driver.find_element(By.ID, "error-message").text, "見つかりません。", path)

        # Their 課長's manager approves it from the queue, after downloading the evidence.
        self.become("manager1", sessions)
        self.open("/claims")
        self.assertEqual(self.heading(), "承認待ち")
        row = self.driver.find_element(By.CSS_SELECTOR, f'#claims-queue tr[data-claim="{claim}"]')
        self.assertEqual(row.get_attribute("data-employee"), employee)
        self.assertIn(f"({course})", row.text)
        self.shot("claims-queue-manager")
        self.click(row.find_element(By.TAG_NAME, "a"))
        for old in pathlib.Path(self.downloads).glob("*"):
            old.unlink()
        self.driver.find_element(By.CSS_SELECTOR, "#claim-evidence a").click()
        target = pathlib.Path(self.downloads) / pdf.name
        for _ in range(100):
            if target.exists() and target.stat().st_size > 0:
                break
            time.sleep(0.1)
        self.assertEqual(target.read_bytes(), pdf.read_bytes())
        self.click(self.driver.find_element(By.ID, "claim-approve"))
        self.assertEqual(self.driver.find_element(By.ID, "claim-notice").text, "申請を承認しました。")
        self.assertFalse(self.driver.find_elements(By.ID, "claim-approve"))

        # hr confirms it; the page in English on the way.
        self.become("hr1", sessions)
        self.open("/claims")
        self.assertEqual(self.heading(), "確認待ち")
        row = self.driver.find_element(By.CSS_SELECTOR, f'#claims-queue tr[data-claim="{claim}"]')
        self.shot("claims-queue-hr")
        self.click(row.find_element(By.TAG_NAME, "a"))
        self.click(self.driver.find_element(By.ID, "lang-switch"))
        self.assertEqual(self.heading(), "Claim")
        self.assertEqual(self.driver.find_element(By.ID, "claim-state").text, "approved")
        self.click(self.driver.find_element(By.ID, "lang-switch"))
        self.click(self.driver.find_element(By.ID, "claim-confirm"))
        self.assertEqual(self.driver.find_element(By.ID, "claim-state").text, "確認済み")
        self.assertEqual(len(self.driver.find_elements(By.CSS_SELECTOR, "#claim-history tbody tr")), 3)
        self.shot("claim-detail")
        count_after, headcount_after = self.coverage_cell(unit, skill, level)
        self.assertEqual(headcount_after, headcount)
        self.assertEqual(count_after, count_before + 1, f"{unit} × {skill} at Level {level}")

        # The staff member's Level of the skill is now the course's.
        self.become("staff1", sessions)
        after = self.my_levels()
        self.assertLess(levels.get(skill, 0), level)
        self.assertEqual(after[skill], level)
        self.assertEqual(self.driver.find_element(
            By.CSS_SELECTOR, f'#me-claims tr[data-claim="{claim}"]').get_attribute("data-state"), "confirmed")

    def test_every_page_prints_on_a4_with_its_header_and_page_numbers(self):
        """Each page printed to PDF by Chromium: A4 (the heat map and the rankings landscape), the tenant, the report and
        its day in 和暦 and ISO on every page, page numbers, every column header of its table on paper
        (nothing cut off at the right), and no navigation or form. PDFs and PNGs go to SHOTS."""
        self.sign_in_with_token("hr1")
        today = datetime.date.fromisoformat(
            subprocess.run(["date", "+%F"], env=dict(os.environ, TZ="Asia/Tokyo"), capture_output=True,
                           text=True).stdout.strip())
        as_of = datetime.date.fromisoformat(AS_OF)
        pages = [("coverage", f"/coverage?as_of={AS_OF}&level={LEVEL}", as_of, True),
                 ("leaders", f"/leaders?as_of={AS_OF}", as_of, False),
                 ("targets", f"/targets?fiscal_year=2026&as_of={AS_OF}", as_of, False),
                 ("plans", f"/plans?as_of={AS_OF}", as_of, False),
                 # A ranking's day is its fiscal year's last, or today before it.
                 ("rankings", "/rankings?fiscal_year=2025", min(today, datetime.date(2026, 3, 31)), True),
                 ("claims", "/claims", today, False),
                 ("notifications", "/notifications", today, False),
                 ("transfers", "/transfers", today, False),
                 ("training", "/imports/training", today, False)]
        for name, path, day, landscape in pages:
            with self.subTest(page=name):
                self.open(path)
                title = self.heading()
                headers = [th.text.strip() for th in self.driver.find_elements(By.CSS_SELECTOR, "main table thead th")]
                hidden = [self.driver.find_element(By.ID, "signout").text,
                          self.driver.find_element(By.ID, "lang-switch").text]
                # The Excel button (Excelで保存) is not printed either.
                hidden += [button.text for button in self.driver.find_elements(By.ID, "download-xlsx")]
                self.assertEqual(bool(hidden[2:]), name in ("coverage", "leaders", "targets", "plans", "rankings",
                                                             "transfers"), f"{name}: its Excel button")
                printed = self.driver.execute_cdp_cmd(
                    "Page.printToPDF", {"printBackground": True, "preferCSSPageSize": True})
                pdf = SHOTS / f"print-{name}.pdf"
                pdf.write_bytes(base64.b64decode(printed["data"]))
                info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
                count = int(re.search(r"Pages:\s+(\d+)", info).group(1))
                width, height = map(float, re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", info).groups())
                expected = (841.89, 595.28) if landscape else (595.28, 841.89)
                self.assertAlmostEqual(width, expected[0], delta=2, msg=f"{name}: {info}")
                self.assertAlmostEqual(height, expected[1], delta=2, msg=f"{name}: {info}")
                for page in range(1, count + 1):
                    text = subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), "-layout", str(pdf), "-"],
                                          capture_output=True, text=True, check=True).stdout
                    line = f"みなと市 — {title} — 基準日 {wareki(day)} ({day.isoformat()})"
                    self.assertIn(line, text, f"{name} page {page}: no header")
                    self.assertRegex(text, rf"\b{page} ?/ ?{count}\b", f"{name} page {page}: no page number")
                whole = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
                flat = re.sub(r"\s+", "", whole)
                for header in headers:
                    self.assertIn(re.sub(r"\s+", "", header), flat, f"{name}: the column {header!r} is not on paper")
                for label in hidden:
                    self.assertNotIn(label, whole, f"{name}: the navigation or a form is printed")
                subprocess.run(["pdftoppm", "-png", "-r", "50", "-f", "1", "-l", "1", "-singlefile", str(pdf),
                                str(SHOTS / f"print-{name}")], check=True)

    def test_english_switch_is_remembered(self):
        self.sign_in("hr1")
        self.open("/leaders")
        self.assertEqual(self.heading(), "DX推進リーダー配置")
        self.click(self.driver.find_element(By.ID, "lang-switch"))
        self.assertEqual(self.heading(), "DX leader placement")
        self.open("/coverage")
        self.assertEqual(self.heading(), "Skill coverage by unit")
        self.shot("coverage-english")
        self.click(self.driver.find_element(By.ID, "lang-switch"))
        self.assertEqual(self.heading(), "組織別スキル充足")


if __name__ == "__main__":
    unittest.main()
