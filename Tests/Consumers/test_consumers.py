#!/usr/bin/env python3
"""Checks that the exported rule set can be consumed exactly: Site/rules.json and
Site/search-index.json against their schemas, and the Python reference consumer (the package
Integrations/python/applinkskb_rules, a standard-library Python reading of rules.json) against
`lookup` on every example line of the catalogue, the real lines and every case of
Site/rules-tests.json (examples, real lines, negatives, refusals, accepted rule sets), plus a
set of adversarial lines.

Run from the repository root after building lookup:

    python3 Tests/Consumers/test_consumers.py

The lookup binary is $LOOKUP, or .build/debug/lookup. Needs the `jsonschema` package
(`make python-deps`). Exits non-zero on any failure; the last line is `N passed, M failed`.
"""

import json
import os
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
LOOKUP = os.path.abspath(os.environ.get("LOOKUP", ".build/debug/lookup"))
RULES = "Site/rules.json"

PACKAGE_ROOT = os.path.join(ROOT, "Integrations", "python")

sys.dont_write_bytecode = True  # keep Tests/ and the package free of __pycache__
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "Support"))
sys.path.insert(0, PACKAGE_ROOT)
import applinkskb_rules as rules_consumer  # noqa: E402
import kbtest  # noqa: E402

try:
    import jsonschema
except ImportError:  # reported by the schema tests
    jsonschema = None


# ---------------------------------------------------------------------------------------------
# Helpers


def load_json(path):
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


def run_lookup(path, rules=None):
    """lookup's findings for a file."""
    return kbtest.lookup_findings(path, rules)


def as_set(findings):
    return {(f["line"], f["problem"], json.dumps(f["fields"], sort_keys=True)) for f in findings}


def python_findings(path, rule_set):
    with open(path, "rb") as handle:
        return rules_consumer.explain_bytes(rule_set, handle.read(), source=path)


def describe_difference(case, lookup_set, python_set, lines=None):
    only_lookup = sorted(lookup_set - python_set)
    only_python = sorted(python_set - lookup_set)
    parts = ["%s: lookup and applinkskb_rules differ" % case]
    for label, items in (("only lookup", only_lookup), ("only python", only_python)):
        for line, problem, fields in items[:8]:
            text = ""
            if lines is not None and 0 < line <= len(lines):
                text = "  <- %r" % (lines[line - 1][:160],)
            parts.append("  %s: line %d %s %s%s" % (label, line, problem, fields, text))
        if len(items) > 8:
            parts.append("  ... %d more %s" % (len(items) - 8, label))
    return "\n".join(parts)


def catalogue_examples():
    """[(problem id, line)] for every example line of the catalogue."""
    return kbtest.example_lines()


def real_lines():
    """[(expected problem or None, line)] for every one-line entry of the corpus but its known
    gaps (Tests/Corpus/test_corpus.py holds those to giving no other problem)."""
    return [(r["expect"], r["line"]) for r in kbtest.corpus_lines()
            if not r.get("continuation") and not r.get("gap")]


# Lines as bytes that the vectors (JSON text) cannot hold, each followed by the ending given
# with it: invalid UTF-8, 300 KB lines, a last line with no line feed. Every other odd line (carriage
# returns, NUL characters, percent-encoding, timestamps at the edges, odd spaces and marks,
# priorities, layouts) is an `edge` case of Site/rules-tests.json, which every engine runs.
ADVERSARIAL = [
    (b"oauth_problem=signature_invalid&oauth_consumer_key=conf\xff\xfeluence&oauth_token=t\xc3\x28ok", b"\n"),
    (b'oauth_problem=token_expired oauth_consumer_key="\xed\xa0\x80|\xc0\x80|\xf4\x90\x80\x80|\xe2\x82|\xf0\x9f\x98"', b"\n"),  # noqa: E501
    (b"\xe2\x82oauth_problem=nonce_used\xf0\x9f", b"\n"),
    (b"2024-03-05 14:02:11,287 http-nio-8080-exec-\xff WARN anonymous 842x27011x1 - 10.0.0.9 /rest [c.a.jira.\xfe] "
     b'error was "token_used"', b"\n"),
    (b"2024-03-05 14:02:11,287 ERROR [main] [com.atlassian.bamboo.x] " + b"a" * 300000
     + b" oauth_problem=token_expired&oauth_token=zz%41 tail", b"\n"),
    (b"q" * 300000 + b" UNKNOWN_HOST", b"\n"),
    (b"oauth_problem=user_refused \xe2\x82", b""),
]

# Lines where lookup's Swift string operations work on extended grapheme clusters where the
# schema, the JavaScript mirror and applinkskb_rules work on characters (code points): known
# lookup bugs, each an expected failure until lookup is fixed.
GRAPHEME_DIVERGENCES = {
    "base_string_split_on_ampersand_before_combining_mark":
        b"oauth_problem=signature_invalid&oauth_signature_base_string=GET%26\xcc\x81http%253A%252F%252Fx%26a",
    "form_plus_before_combining_mark": b"oauth_problem=signature_invalid&oauth_problem_advice=a+\xcc\x81b",
    "logger_prefix_before_zero_width_joiner":
        b"2024-03-05 14:02:11,287 ERROR [main] [com.atlassian.jira\xe2\x80\x8dx] oauth_problem=token_used",
}


# ---------------------------------------------------------------------------------------------
# Tests


class Schemas(unittest.TestCase):
    def validate(self, document, schema_path):
        self.assertIsNotNone(jsonschema, "the jsonschema package is missing: make python-deps")
        schema = load_json(schema_path)
        jsonschema.Draft202012Validator.check_schema(schema)
        validator = jsonschema.Draft202012Validator(schema)
        errors = sorted(validator.iter_errors(load_json(document)), key=lambda e: list(e.absolute_path))
        self.assertEqual(
            [], ["%s: %s" % ("/".join(map(str, e.absolute_path)), e.message) for e in errors[:20]])

    def test_rules_json_matches_its_schema(self):
        self.validate(RULES, "Site/rules.schema.json")

    def test_search_index_matches_its_schema(self):
        self.validate("Site/search-index.json", "Site/search-index.schema.json")

    def test_vectors_match_their_schema(self):
        self.validate("Site/rules-tests.json", "Site/rules-tests.schema.json")

    def test_summary_vectors_match_their_schemas(self):
        self.validate("Site/summary-tests.json", "Site/summary-tests.schema.json")
        vectors = kbtest.load_summary_vectors()
        self.assertEqual(vectors["summary_max_links"], load_json(RULES)["summary_max_links"])
        for case in vectors["cases"]:
            with self.subTest(case=case["id"]):
                self.validate_value({"problems": case["problems"], "lines": 0, "bytes": 0, "milliseconds": 0},
                                    "Site/summary.schema.json")

    def validate_value(self, value, schema_path):
        schema = load_json(schema_path)
        errors = list(jsonschema.Draft202012Validator(schema).iter_errors(value))
        self.assertEqual([], ["%s: %s" % ("/".join(map(str, e.absolute_path)), e.message) for e in errors[:10]])

    def test_lookup_output_matches_the_finding_and_summary_schemas(self):
        self.assertIsNotNone(jsonschema, "the jsonschema package is missing: make python-deps")
        text = "\n".join(line for _, line in catalogue_examples()) + "\n"
        findings = [json.loads(raw) for raw in kbtest.run_lookup("--json", stdin=text.encode()).stdout.splitlines()]
        self.assertGreater(len(findings), 100)
        for finding in findings:
            with self.subTest(line=finding["line"]):
                self.validate_value(finding, "Site/finding.schema.json")
        summary = json.loads(kbtest.run_lookup("--summary", "--json", stdin=text.encode()).stdout)
        self.assertEqual(sum(p["count"] for p in summary["problems"]), len(findings))
        self.validate_value(summary, "Site/summary.schema.json")
        problem = json.loads(kbtest.run_lookup("--json", "signature_invalid").stdout)
        self.assertEqual(problem["problem"], "signature_invalid")

    def test_schemas_are_draft_2020_12(self):
        for path in ("Site/rules.schema.json", "Site/search-index.schema.json", "Site/rules-tests.schema.json",
                     "Site/finding.schema.json", "Site/summary.schema.json", "Site/summary-tests.schema.json"):
            with self.subTest(schema=path):
                self.assertEqual(
                    load_json(path).get("$schema"), "https://json-schema.org/draft/2020-12/schema")

    def test_rules_json_loads_in_the_consumer(self):
        rule_set = rules_consumer.load_rules(RULES)
        self.assertTrue(rule_set.rules)


class Vectors(unittest.TestCase):
    """Every case, refusal and accepted rule set of Site/rules-tests.json, in applinkskb_rules."""

    @classmethod
    def setUpClass(cls):
        cls.vectors = kbtest.load_vectors()
        cls.rule_set = rules_consumer.load_rules(RULES)

    def test_cases(self):
        kinds = {}
        for case in self.vectors["cases"]:
            kinds[case["kind"]] = kinds.get(case["kind"], 0) + 1
            with self.subTest(case=case["id"]):
                found = rules_consumer.explain_text(self.rule_set, case["text"], source="-",
                                                    max_line_bytes=case.get("max_line_bytes"))
                self.assertEqual([kbtest.finding_key(f) for f in found],
                                 [kbtest.finding_key(f) for f in case["findings"]], case["text"][:200])
        self.assertGreaterEqual(kinds.get("negative", 0), 20)
        self.assertGreater(kinds.get("example", 0), 100)

    def test_refusals(self):
        """Each refusal is refused with its code exactly; the messages are the consumer's own."""
        self.assertGreater(len(self.vectors["refusals"]), 40)
        for document in self.vectors["refusals"]:
            with self.subTest(refusal=document["id"]):
                self.assertRegex(document["code"], r"^E[0-9]{4}$")
                with self.assertRaises(rules_consumer.RuleSetError) as refused:
                    rules_consumer.RuleSet(document["rule_set"])
                self.assertEqual(refused.exception.code, document["code"], str(refused.exception))
                self.assertTrue(str(refused.exception))

    def test_accepted(self):
        for document in self.vectors["accepted"]:
            with self.subTest(accepted=document["id"]):
                rules_consumer.RuleSet(document["rule_set"])

    def test_lookup_reads_the_limits_of_a_rules_file(self):
        # lookup --rules FILE cuts lines at the file's max_line_bytes (the limit cases, read by
        # lookup as a stream) and counts at most its summary_max_links links per problem.
        data = load_json(RULES)
        with tempfile.TemporaryDirectory() as folder:
            for case in (c for c in self.vectors["cases"] if c["kind"] == "limit"):
                path = os.path.join(folder, "rules-%d.json" % case["max_line_bytes"])
                with open(path, "w", encoding="utf-8") as handle:
                    json.dump(dict(data, max_line_bytes=case["max_line_bytes"]), handle)
                with self.subTest(case=case["id"]):
                    out = kbtest.run_lookup("--rules", path, "--json", "-", stdin=case["text"].encode()).stdout
                    found = [json.loads(raw) for raw in out.splitlines()]
                    self.assertEqual([kbtest.finding_key(f) for f in found],
                                     [kbtest.finding_key(f) for f in case["findings"]], case["text"][:200])
            path = os.path.join(folder, "rules-3-links.json")
            with open(path, "w", encoding="utf-8") as handle:
                json.dump(dict(data, summary_max_links=3), handle)
            header = 'WWW-Authenticate: OAuth realm="https://node-%d.example.com", oauth_problem="token_rejected"\n'
            text = "".join(header % (n % 5) for n in range(8))
            summary = json.loads(kbtest.run_lookup("--rules", path, "--summary", "--json", "-",
                                                   stdin=text.encode()).stdout)
            problem = summary["problems"][0]
            self.assertEqual([(link["link"], link["count"]) for link in problem["links"]],
                             [("https://node-0.example.com", 2), ("https://node-1.example.com", 2),
                              ("https://node-2.example.com", 2)])
            self.assertEqual(problem["other_links"], 2)

    def test_lookup_refuses_every_refusal_with_its_code_and_reason(self):
        with tempfile.TemporaryDirectory() as folder:
            for document in self.vectors["refusals"]:
                path = os.path.join(folder, document["id"] + ".json")
                with open(path, "w", encoding="utf-8") as handle:
                    json.dump(document["rule_set"], handle)
                with self.subTest(refusal=document["id"]):
                    result = kbtest.run_lookup("--rules", path, "oauth_problem=signature_invalid", check=False)
                    self.assertEqual(result.returncode, 2)
                    self.assertEqual(result.stderr.decode(),
                                     "lookup: %s: error[%s]: %s\n" % (path, document["code"], document["reason"]))

    def test_the_subset_comes_from_the_export(self):
        subset = rules_consumer.load_subset()
        self.assertEqual(subset, load_json("Site/portable-subset.json"))
        narrower = dict(subset, forbidden=[c for c in subset["forbidden"] if c["construct"] != "\\d"])
        pattern = "oauth_problem=([a-z]+)\\d"
        self.assertIsNotNone(rules_consumer.non_portable_construct(pattern))
        self.assertIsNone(rules_consumer.non_portable_construct(pattern, narrower))


class Catalogue(unittest.TestCase):
    """Every example line and real line, through lookup and through applinkskb_rules."""

    @classmethod
    def setUpClass(cls):
        cls.rule_set = rules_consumer.load_rules(RULES)
        cls.examples = catalogue_examples()
        cls.real = real_lines()
        cls.folder = tempfile.TemporaryDirectory()
        # (expected problem, origin, text), one per line of the file
        cls.entries = [(e, "real line", t) for e, t in cls.real]
        cls.entries += [(p, "example of %s" % p, t) for p, t in cls.examples]
        cls.lines = [t for _, _, t in cls.entries]
        cls.path = os.path.join(cls.folder.name, "catalogue-lines.txt")
        with open(cls.path, "w", encoding="utf-8", newline="") as handle:
            handle.write("".join(t + "\n" for t in cls.lines))
        cls.lookup = run_lookup(cls.path)
        cls.python = python_findings(cls.path, cls.rule_set)

    @classmethod
    def tearDownClass(cls):
        cls.folder.cleanup()

    def test_there_are_examples(self):
        self.assertGreater(len(self.examples), 30)
        self.assertGreater(len(self.real), 0)
        self.assertEqual(len(self.lines), len(self.entries))
        for _, _, text in self.entries:
            self.assertNotIn("\n", text)

    def test_python_and_lookup_agree(self):
        self.assertEqual(
            as_set(self.lookup), as_set(self.python),
            describe_difference("catalogue lines", as_set(self.lookup), as_set(self.python), self.lines))

    def test_lookup_with_exported_rules_agrees_with_built_in_rules(self):
        exported = run_lookup(self.path, rules=RULES)
        self.assertEqual(
            as_set(self.lookup), as_set(exported),
            describe_difference("built-in rules vs --rules Site/rules.json", as_set(self.lookup), as_set(exported)))

    def check_expectations(self, findings, who):
        by_line = {f["line"]: f["problem"] for f in findings}
        for number, (expected, origin, text) in enumerate(self.entries, start=1):
            with self.subTest(who=who, line=number, origin=origin):
                self.assertEqual(by_line.get(number), expected, "%s: %r" % (origin, text[:200]))

    def test_lookup_explains_each_line_as_expected(self):
        self.check_expectations(self.lookup, "lookup")

    def test_python_explains_each_line_as_expected(self):
        self.check_expectations(self.python, "applinkskb_rules")

    def test_crlf_endings_change_nothing(self):
        path = os.path.join(self.folder.name, "catalogue-lines-crlf.txt")
        with open(path, "w", encoding="utf-8", newline="") as handle:
            handle.write("".join(t + "\r\n" for t in self.lines))
        crlf_lookup, crlf_python = as_set(run_lookup(path)), as_set(python_findings(path, self.rule_set))
        self.assertEqual(crlf_lookup, as_set(self.lookup), "lookup: CRLF changed the findings")
        self.assertEqual(crlf_python, as_set(self.python), "applinkskb_rules: CRLF changed the findings")

    def test_classify_agrees_with_explain_text(self):
        by_line = {f["line"]: f for f in self.python}
        entry = None
        for number, text in enumerate(self.lines, start=1):
            found = rules_consumer.classify(self.rule_set, text, source=self.path, entry=entry)
            entry = self.rule_set.entry_fields(text) or entry
            with self.subTest(line=number):
                if number in by_line:
                    self.assertIsNotNone(found)
                    self.assertEqual((found["problem"], found["fields"]),
                                     (by_line[number]["problem"], by_line[number]["fields"]))
                else:
                    self.assertIsNone(found)


class Adversarial(unittest.TestCase):
    """Odd bytes and odd lines give the same findings in both."""

    @classmethod
    def setUpClass(cls):
        cls.rule_set = rules_consumer.load_rules(RULES)
        cls.folder = tempfile.TemporaryDirectory()
        cls.data = b"".join(line + end for line, end in ADVERSARIAL)
        cls.lines = [line.decode("utf-8", "replace") for line, _ in ADVERSARIAL]

    @classmethod
    def tearDownClass(cls):
        cls.folder.cleanup()

    def compare(self, name, data, lines=None):
        path = os.path.join(self.folder.name, name)
        with open(path, "wb") as handle:
            handle.write(data)
        lookup, python = as_set(run_lookup(path)), as_set(python_findings(path, self.rule_set))
        self.assertEqual(
            lookup, python, describe_difference(name, lookup, python, lines or self.lines))
        return lookup

    def test_adversarial_lines(self):
        found = self.compare("adversarial.log", self.data)
        # Most lines name a problem: the comparison is not vacuous.
        self.assertGreater(len(found), len(ADVERSARIAL) // 2)

    def test_product_from_the_file_name(self):
        for name in ("atlassian-jira.log", "atlassian-confluence.log.1", "atlassian-bitbucket.log"):
            with self.subTest(file=name):
                found = self.compare(name, self.data)
                self.assertTrue(any('"product"' in fields for _, _, fields in found))

    def test_each_adversarial_line_alone(self):
        for index, (line, _) in enumerate(ADVERSARIAL):
            with self.subTest(line=index + 1, text=line[:60]):
                self.compare("single-%d.log" % (index + 1), line, [self.lines[index]])

    def test_lines_longer_than_a_mebibyte(self):
        # lookup matches only the first max_line_bytes (1 MiB) of a longer line; these codes lie
        # inside or outside that part, and the numbering goes on (the limit-* vectors hold the
        # same at a small limit).
        data = (b"x" * 500000 + b" oauth_problem=token_rejected " + b"x" * 2100000 + b"\n"
                + b"y" * 2300000 + b" oauth_problem=nonce_used " + b"y" * 300000 + b"\r\n"
                + b"oauth_problem=user_refused\n")
        found = self.compare("long-lines.log", data, ["(2.6 MB line)", "(2.6 MB line)", "last"])
        self.assertEqual({(line, problem) for line, problem, _ in found},
                         {(1, "token_rejected"), (3, "user_refused")})

    def test_command_line_prints_the_same_findings(self):
        path = os.path.join(self.folder.name, "cli.log")
        with open(path, "wb") as handle:
            handle.write(self.data)
        result = subprocess.run(
            [sys.executable, "-m", "applinkskb_rules", RULES, path],
            capture_output=True, timeout=kbtest.HANG_SECONDS, env=dict(os.environ, PYTHONPATH=PACKAGE_ROOT))
        self.assertEqual(result.returncode, 0, result.stderr)
        printed = [json.loads(line) for line in result.stdout.splitlines()]
        self.assertTrue(all(set(f) == {"problem", "rule", "basis", "line", "fields", "source"} for f in printed))
        self.assertTrue(all(f["source"] == path for f in printed))
        self.assertEqual(as_set(printed), as_set(python_findings(path, self.rule_set)))


class GraphemeLines(unittest.TestCase):
    """Lines where splitting on '&', replacing '+' or comparing logger prefixes by grapheme
    cluster (Swift's String) would differ from working on code points, as the schema, the
    JavaScript mirror and applinkskb_rules do. lookup works on scalars and bytes: same answers."""

    @classmethod
    def setUpClass(cls):
        if not os.path.isfile(LOOKUP):  # an error, not an expected failure
            raise AssertionError("no lookup binary at %s" % LOOKUP)
        cls.rule_set = rules_consumer.load_rules(RULES)
        cls.folder = tempfile.TemporaryDirectory()

    @classmethod
    def tearDownClass(cls):
        cls.folder.cleanup()

    def compare(self, name):
        path = os.path.join(self.folder.name, name + ".log")
        with open(path, "wb") as handle:
            handle.write(GRAPHEME_DIVERGENCES[name] + b"\n")
        lookup, python = as_set(run_lookup(path)), as_set(python_findings(path, self.rule_set))
        self.assertEqual(lookup, python, describe_difference(name, lookup, python))


def _add_divergence_tests():
    for name in GRAPHEME_DIVERGENCES:
        def test(self, name=name):
            self.compare(name)
        test.__name__ = "test_" + name
        setattr(GraphemeLines, test.__name__, test)


_add_divergence_tests()


# ---------------------------------------------------------------------------------------------
# Running


def main():
    if not os.path.isfile(RULES) and os.path.isfile(os.path.join(ROOT, RULES)):
        os.chdir(ROOT)  # LOOKUP was made absolute before
    if not os.path.isfile(RULES):
        print("Run from the repository root: %s is missing" % RULES)
        print("0 passed, 1 failed")
        return 1
    kbtest.run_and_report()


if __name__ == "__main__":
    sys.exit(main())
