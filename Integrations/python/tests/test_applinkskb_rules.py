#!/usr/bin/env python3
"""The package's own tests: its interface, its command line and where it finds the portable
subset. They need no `lookup` and nothing beyond the standard library; every vector of
Site/rules-tests.json, against `lookup`, is Tests/Consumers/test_consumers.py's work.

    python3 -m unittest discover -s Integrations/python/tests      (from the repository root)
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

PACKAGE_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
REPOSITORY = os.path.dirname(os.path.dirname(PACKAGE_ROOT))
SITE = os.path.join(REPOSITORY, "Site")
RULES = os.path.join(SITE, "rules.json")

sys.dont_write_bytecode = True  # keep the package free of __pycache__
sys.path.insert(0, PACKAGE_ROOT)
import applinkskb_rules  # noqa: E402


def run_module(*args, stdin=b"", cwd=None):
    """python3 -m applinkskb_rules ARGS, from `cwd` (default: a folder outside the repository)."""
    environment = dict(os.environ, PYTHONPATH=PACKAGE_ROOT, PYTHONDONTWRITEBYTECODE="1")
    return subprocess.run([sys.executable, "-m", "applinkskb_rules", *args], input=stdin,
                          capture_output=True, cwd=cwd or tempfile.gettempdir(), env=environment,
                          timeout=120, check=False)


class Interface(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.rule_set = applinkskb_rules.load_rules(RULES)

    def test_every_exported_name_exists(self):
        for name in applinkskb_rules.__all__:
            self.assertTrue(hasattr(applinkskb_rules, name), name)

    def test_explain_text_gives_findings_in_line_order(self):
        text = "nothing here\r\noauth_problem=nonce_used\r\nWWW-Authenticate: OAuth oauth_problem=\"token_rejected\"\n"
        found = applinkskb_rules.explain_text(self.rule_set, text)
        self.assertEqual([(f["line"], f["problem"], f["basis"], f["source"]) for f in found],
                         [(2, "nonce_used", "code", "-"), (3, "token_rejected", "code", "-")])
        self.assertEqual(found[0]["fields"], {"oauth_problem": "nonce_used"})

    def test_bytes_and_text_agree_and_invalid_utf8_is_replaced(self):
        data = b"\xff\xfe oauth_problem=nonce_used\n"
        self.assertEqual(applinkskb_rules.explain_bytes(self.rule_set, data, source="a.log"),
                         applinkskb_rules.explain_text(self.rule_set, data, source="a.log"))
        self.assertEqual(applinkskb_rules.explain_bytes(self.rule_set, data)[0]["problem"], "nonce_used")

    def test_classify_explains_one_line(self):
        finding = applinkskb_rules.classify(self.rule_set, "oauth_problem=timestamp_refused\r")
        self.assertEqual(finding["problem"], "timestamp_refused")
        self.assertIsNone(applinkskb_rules.classify(self.rule_set, "all is well"))

    def test_compile_rules_takes_the_parsed_document(self):
        with open(RULES, encoding="utf-8") as handle:
            document = json.load(handle)
        compiled = applinkskb_rules.compile_rules(document)
        self.assertIs(applinkskb_rules.compile_rules(compiled), compiled)
        self.assertEqual(applinkskb_rules.explain_text(document, "oauth_problem=nonce_used")[0]["problem"],
                         "nonce_used")

    def test_link_origin(self):
        origin = applinkskb_rules.link_origin_of
        self.assertEqual(origin("HTTPS://Admin:secret@Jira.Example.COM:443/jira"), "https://jira.example.com")
        self.assertEqual(origin("http://confluence.example.com:8090/"), "http://confluence.example.com:8090")
        self.assertEqual(origin("https://[2001:DB8::7]:8443/"), "https://[2001:db8::7]:8443")
        self.assertIsNone(origin("ftp://files.example.com"))
        self.assertIsNone(origin("Jira"))

    def test_a_refused_rule_set_raises_with_lookups_code(self):
        with open(os.path.join(SITE, "rules-tests.json"), encoding="utf-8") as handle:
            refusals = json.load(handle)["refusals"]
        for refusal in refusals:
            with self.subTest(refusal=refusal["id"]):
                with self.assertRaises(applinkskb_rules.RuleSetError) as refused:
                    applinkskb_rules.RuleSet(refusal["rule_set"])
                self.assertEqual(refused.exception.code, refusal["code"])
                # The consumer's words, without Swift's or Foundation's.
                for word in ("Expected to decode", "Cannot initialize", "Array<", "Dictionary<", "String value"):
                    self.assertNotIn(word, str(refused.exception))

    def test_refusals_in_the_consumers_words(self):
        rule_set = dict(self.rule_set.data, rules={})
        with self.assertRaises(applinkskb_rules.RuleSetError) as refused:
            applinkskb_rules.RuleSet(rule_set)
        self.assertEqual(refused.exception.code, "E0003")
        self.assertEqual(str(refused.exception), "not a valid rule set: rules: expected an array, found an object")
        extractors = [dict(self.rule_set.data["extractors"][0], transform="base64")]
        with self.assertRaises(applinkskb_rules.RuleSetError) as refused:
            applinkskb_rules.RuleSet(dict(self.rule_set.data, extractors=extractors))
        self.assertEqual(refused.exception.code, "E0006")
        self.assertTrue(str(refused.exception).startswith(
            "not a valid rule set: extractors[0].transform: unknown value 'base64' (expected one of: none, "),
            str(refused.exception))

    def test_a_file_that_cannot_be_read_has_no_code(self):
        with tempfile.TemporaryDirectory() as folder:
            with self.assertRaises(applinkskb_rules.RuleSetError) as refused:
                applinkskb_rules.load_rules(os.path.join(folder, "missing.json"))
            self.assertIsNone(refused.exception.code)
            path = os.path.join(folder, "bad.json")
            with open(path, "w", encoding="utf-8") as handle:
                handle.write("{ nope")
            with self.assertRaises(applinkskb_rules.RuleSetError) as refused:
                applinkskb_rules.load_rules(path)
            self.assertEqual(refused.exception.code, "E0001")
            # What Python's json reads beyond JSON is refused, as lookup refuses it.
            for text in ("[1,]", "\ufeff{}", "[NaN]", "[-Infinity]", "[" * 513 + "]" * 513):
                with open(path, "w", encoding="utf-8") as handle:
                    handle.write(text)
                with self.assertRaises(applinkskb_rules.RuleSetError) as refused:
                    applinkskb_rules.load_rules(path)
                self.assertEqual(refused.exception.code, "E0001", text[:20])
            with open(path, "w", encoding="utf-8") as handle:
                handle.write("[" * 512 + "]" * 512)
            with self.assertRaises(applinkskb_rules.RuleSetError) as refused:
                applinkskb_rules.load_rules(path)
            self.assertEqual(refused.exception.code, "E0003")

    def test_portable_subset(self):
        self.assertIsNotNone(applinkskb_rules.non_portable_construct("(?<=a)b"))
        self.assertIsNone(applinkskb_rules.non_portable_construct("oauth_problem=([a-z_]+)"))
        self.assertEqual(applinkskb_rules.load_subset()["schema_version"], 1)


class SubsetBesideTheRules(unittest.TestCase):
    """A rule set copied elsewhere is checked against the portable-subset.json beside it."""

    def test_the_subset_beside_the_rules_wins(self):
        with tempfile.TemporaryDirectory() as folder:
            rules = shutil.copy(RULES, folder)
            subset = shutil.copy(os.path.join(SITE, "portable-subset.json"), folder)
            self.assertEqual(applinkskb_rules.check.default_subset(rules), subset)
            self.assertEqual(len(applinkskb_rules.load_rules(rules).rules), len(
                applinkskb_rules.load_rules(RULES).rules))

    def test_without_one_the_repositorys_is_used(self):
        with tempfile.TemporaryDirectory() as folder:
            rules = shutil.copy(RULES, folder)
            self.assertEqual(applinkskb_rules.check.default_subset(rules),
                             os.path.join(SITE, "portable-subset.json"))


class CommandLine(unittest.TestCase):
    def test_findings_as_json_lines_from_standard_input(self):
        result = run_module(RULES, stdin=b"oauth_problem=nonce_used\n")
        self.assertEqual(result.returncode, 0, result.stderr)
        printed = [json.loads(line) for line in result.stdout.splitlines()]
        self.assertEqual([(f["line"], f["problem"], f["source"]) for f in printed], [(1, "nonce_used", "-")])

    def test_a_file_named_is_its_source(self):
        with tempfile.TemporaryDirectory() as folder:
            path = os.path.join(folder, "atlassian-jira.log")
            with open(path, "wb") as handle:
                handle.write(b"oauth_problem=nonce_used\n")
            result = run_module(RULES, path)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(json.loads(result.stdout)["source"], path)

    def test_nothing_found_exits_1(self):
        result = run_module(RULES, stdin=b"all is well\n")
        self.assertEqual((result.returncode, result.stdout), (1, b""))

    def test_errors_exit_2_and_name_the_input(self):
        result = run_module()
        self.assertEqual(result.returncode, 2)
        self.assertIn(b"usage: python3 -m applinkskb_rules RULES.json [FILE ...]", result.stderr)
        missing = os.path.join(tempfile.gettempdir(), "applinkskb-no-such-file.log")
        result = run_module(RULES, missing)
        self.assertEqual(result.returncode, 2)
        self.assertIn(("applinkskb_rules: %s: " % missing).encode(), result.stderr)
        result = run_module(os.path.join(SITE, "rules.schema.json"), stdin=b"")
        self.assertEqual(result.returncode, 2)
        self.assertTrue(result.stderr.startswith(b"applinkskb_rules: "), result.stderr)


if __name__ == "__main__":
    unittest.main()
