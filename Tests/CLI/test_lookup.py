"""Behaviour of the `lookup` command as a user meets it: arguments, exit statuses, output modes.

Run from the repository root after `swift build`: python3 Tests/CLI/test_lookup.py
The binary is $LOOKUP, or .build/debug/lookup.
"""
import json
import os
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Support"))
import kbtest  # noqa: E402

LOOKUP = os.environ.get("LOOKUP", ".build/debug/lookup")


def run(*args, stdin=None, env=None):
    environment = dict(os.environ)
    environment.pop("NO_COLOR", None)
    if env:
        environment.update(env)
    return subprocess.run(
        [LOOKUP, *args], input=stdin, capture_output=True, env=environment,
        timeout=kbtest.HANG_SECONDS)


class Basis(unittest.TestCase):
    """What an answer rests on: every finding says it, the text output when it is wording."""

    def test_json_findings_carry_their_basis(self):
        for text, basis in [
            ("oauth_problem=timestamp_refused", "code"),
            ("java.net.UnknownHostException: jira.example.invalid", "exception"),
            ("java.io.IOException: Unable to tunnel through proxy. Proxy returns \"HTTP/1.1 407 Proxy Authentication Required\"", "exception"),  # noqa: E501
            ("Only one-way communication is established.", "wording"),
        ]:
            with self.subTest(text=text):
                result = run("--json", text)
                self.assertEqual(result.returncode, 0, result.stderr)
                self.assertEqual(json.loads(result.stdout)["basis"], basis)

    def test_the_text_says_when_an_answer_rests_on_wording(self):
        worded = run("Only one-way communication is established.")
        self.assertIn(b"recognised by its wording only", worded.stdout)
        coded = run("oauth_problem=timestamp_refused")
        self.assertNotIn(b"wording only", coded.stdout)

    def test_the_strongest_basis_wins(self):
        result = run("--json", "Server returned HTTP response code: 401 for URL: https://jira.example.com/rest "
                     "oauth_problem=token_rejected")
        finding = json.loads(result.stdout)
        self.assertEqual((finding["problem"], finding["basis"]), ("token_rejected", "code"))


class PastedText(unittest.TestCase):
    """Lines as people paste them are normalised before matching; the finding keeps them as given."""

    def test_quoted_bulleted_escaped_lines_are_explained(self):
        for text, problem in [
            ("> > oauth_problem=signature_invalid", "signature_invalid"),
            ("- `java.net.UnknownHostException: jira.example.invalid`", "unknown_host"),
            ("  12 | oauth_problem=nonce_used", "nonce_used"),
            ('{"msg":"oauth_problem\\u003dtoken_rejected"}', "token_rejected"),
            ("{&quot;type&quot;: &quot;UNKNOWN_HOST&quot;}", "unknown_host"),
        ]:
            with self.subTest(text=text):
                # "--" ends the options: a pasted bullet starts with "-".
                result = run("--json", "--", text)
                self.assertEqual(result.returncode, 0, result.stderr)
                finding = json.loads(result.stdout)
                self.assertEqual(finding["problem"], problem)
                self.assertEqual(finding["text"], text)


class UnrelatedFailures(unittest.TestCase):
    """A failure of the product's own database, mail server or directory is not a link's."""

    def test_a_database_line_gives_no_finding_and_says_why(self):
        result = run("org.postgresql.util.PSQLException: Connection to localhost:5432 refused.")
        self.assertEqual(result.returncode, 1)
        self.assertIn(b"the product's own database", result.stdout)
        self.assertNotIn(b"Did you mean", result.stdout)

    def test_the_same_words_without_the_database_are_a_link_failure(self):
        result = run("--json", "java.net.ConnectException: Connection refused (Connection refused)")
        self.assertEqual(json.loads(result.stdout)["problem"], "connection_refused")


class ExitStatus(unittest.TestCase):
    def test_found_is_zero(self):
        result = run("oauth_problem=timestamp_refused")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn(b"timestamp_refused", result.stdout)

    def test_nothing_found_is_one(self):
        result = run("an ordinary line with nothing to see")
        self.assertEqual(result.returncode, 1)

    def test_usage_error_is_two(self):
        result = run("--no-such-option")
        self.assertEqual(result.returncode, 2)
        self.assertIn(b"no-such-option", result.stderr)

    def test_missing_file_is_two_and_named(self):
        result = run("--file", "/nonexistent/app.log")
        self.assertEqual(result.returncode, 2)
        self.assertIn(b"/nonexistent/app.log", result.stderr)

    def test_a_folder_is_read(self):
        # Once refused; now a folder is walked (Tests/CLI/test_inputs.py has the rest).
        with tempfile.TemporaryDirectory() as folder:
            self.assertEqual(run("--file", folder).returncode, 1, "an empty folder: nothing found")
            with open(os.path.join(folder, "atlassian-jira.log"), "w") as handle:
                handle.write("oauth_problem=token_rejected\n")
            for args in (("--file", folder), (folder,)):
                result = run("--json", *args)
                self.assertEqual(result.returncode, 0, result.stderr)
                self.assertEqual(json.loads(result.stdout)["source"],
                                 os.path.join(folder, "atlassian-jira.log"))

    def test_an_argument_that_names_no_file_is_text(self):
        result = run("--json", "no/such/file.log oauth_problem=token_rejected")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(json.loads(result.stdout)["source"], "-")

    def test_invalid_rules_file_is_two_and_names_the_rule(self):
        with open("Site/rules.json", encoding="utf-8") as handle:
            rules = json.load(handle)
        rules["rules"][0]["pattern"] = "(?<=x)oauth"
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
            json.dump(rules, handle)
        try:
            result = run("--rules", handle.name, "oauth_problem=token_rejected")
            self.assertEqual(result.returncode, 2)
            self.assertIn(rules["rules"][0]["id"].encode(), result.stderr)
            self.assertIn(b"lookbehind", result.stderr)
            # The refusal's code (docs/refusal-codes.md): outside the portable subset.
            self.assertIn(b": error[E0014]: rule ", result.stderr)
        finally:
            os.unlink(handle.name)

    def test_malformed_rules_file_is_two(self):
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
            handle.write("{ not json")
        try:
            result = run("--rules", handle.name, "x")
            self.assertEqual(result.returncode, 2)
            self.assertEqual(result.stderr.decode(),
                             "lookup: %s: error[E0001]: not a valid rule set: the file is not JSON\n" % handle.name)
        finally:
            os.unlink(handle.name)


class Explain(unittest.TestCase):
    def test_problem_by_id_code_type_or_title(self):
        for query in ["signature_invalid", "SIGNATURE_INVALID", "OAUTH_SIGNATURE_INVALID", "OAuth signature rejected"]:
            result = run(query)
            self.assertEqual(result.returncode, 0, query)
            self.assertTrue(result.stdout.startswith(b"OAuth signature rejected"), query)
            self.assertIn(b"problems/signature_invalid.html", result.stdout)

    def test_problem_by_name_as_json(self):
        result = run("--json", "SIGNATURE_INVALID")
        self.assertEqual(result.returncode, 0)
        record = json.loads(result.stdout)
        self.assertEqual(record["problem"], "signature_invalid")
        self.assertEqual(len(record["causes"]), 2)
        self.assertTrue(record["url"].endswith("problems/signature_invalid.html"))

    def test_did_you_mean(self):
        result = run("clock skew")
        self.assertEqual(result.returncode, 1)
        self.assertIn(b"Did you mean", result.stdout)
        self.assertIn(b"timestamp_refused", result.stdout.split(b"Did you mean")[1].split(b"\n")[1])

    def test_base_url(self):
        result = run("--base-url", "https://kb.example.com/help", "token_rejected")
        self.assertIn(b"https://kb.example.com/help/problems/token_rejected.html", result.stdout)

    def test_fields_in_words(self):
        line = "oauth_problem=timestamp_refused&oauth_acceptable_timestamps=1709646131-1709647031&oauth_timestamp=1709646000"  # noqa: E501
        result = run(line)
        self.assertIn(b"the remote server's clock read 2024-03-05 13:49:41 UTC", result.stdout)
        self.assertIn(b"581 s behind the remote clock", result.stdout)

    def test_every_link_status_type_and_category(self):
        rules = kbtest.load_json(os.path.join(kbtest.SITE, "rules.json"))
        status = rules["link_status"]
        types = [t for category in status["categories"] for t in category["types"]]
        self.assertEqual(len(types), 28)
        self.assertEqual(len(status["categories"]), 9)
        owner = {t: p["id"] for p in rules["problems"] for t in p["link_status_types"]}
        for type in types:
            with self.subTest(type=type):
                result = run(type)
                self.assertEqual(result.returncode, 0, result.stderr)
                self.assertIn(("problems/%s.html" % owner[type]).encode(), result.stdout)
                # The status resource's answer, pasted, names the same problem.
                answer = json.dumps({"working": False, "error": {"category": "X", "type": type}})
                found = [json.loads(line) for line in run("--json", answer).stdout.splitlines()]
                self.assertEqual([f["problem"] for f in found], [owner[type]])
                self.assertEqual(found[0]["fields"]["link_status_type"], type)
        for category in status["categories"]:
            with self.subTest(category=category["name"]):
                result = run("--json", category["name"])
                self.assertEqual(result.returncode, 0, result.stderr)
                record = json.loads(result.stdout)
                if record.get("kind") == "status-category":
                    self.assertEqual([t["type"] for t in record["types"]], category["types"])
                else:  # a category named like one of its types (DISABLED): that type's problem
                    self.assertIn(category["name"], category["types"])
                    self.assertEqual(record["problem"], owner[category["name"]])
        result = run("NETWORK_ERROR")
        self.assertIn(b"CONNECTION_REFUSED  connection_refused", result.stdout)
        for lozenge in status["lozenges"]:
            with self.subTest(lozenge=lozenge["text"]):
                self.assertEqual(run(lozenge["text"]).returncode, 0)

    def test_plain_when_piped_and_no_color(self):
        self.assertNotIn(b"\x1b[", run("token_rejected").stdout)
        self.assertNotIn(b"\x1b[", run("token_rejected", env={"NO_COLOR": "1"}).stdout)


class Streams(unittest.TestCase):
    lines = (
        "2024-03-05 14:02:11,287 http-nio-8080-exec-1 WARN a b c d /x [c.a.oauth.Filter] error was \"token_rejected\"\n"
        "nothing here\n"
        "oauth_problem=signature_invalid\r\n"
        "oauth_problem=token_rejected\n"
    )

    def test_stdin_and_dash(self):
        for args in [(), ("--file", "-")]:
            result = run("--json", *args, stdin=self.lines.encode())
            self.assertEqual(result.returncode, 0)
            records = [json.loads(line) for line in result.stdout.splitlines()]
            self.assertEqual([(r["problem"], r["line"], r["source"]) for r in records],
                             [("token_rejected", 1, "-"), ("signature_invalid", 3, "-"), ("token_rejected", 4, "-")])
            self.assertEqual(set(records[0]),
                             {"problem", "rule", "basis", "title", "source", "line", "text", "fields", "url"})
            self.assertEqual(records[0]["fields"]["product"], "jira")
            self.assertEqual(records[1]["text"], "oauth_problem=signature_invalid")

    def test_files_are_named_and_summary_counts(self):
        with tempfile.NamedTemporaryFile("wb", suffix=".log", delete=False) as handle:
            handle.write(self.lines.encode())
            handle.write(b"\xff\xfe invalid bytes \x00 and a NUL\n")
        try:
            result = run("--json", "--file", handle.name, "--file", handle.name)
            records = [json.loads(line) for line in result.stdout.splitlines()]
            self.assertEqual(len(records), 6)
            self.assertEqual({r["source"] for r in records}, {handle.name})
            summary = run("--summary", "--json", "--file", handle.name)
            data = json.loads(summary.stdout)
            self.assertEqual(data["lines"], 5)
            counts = {p["problem"]: (p["count"], p["first"]["line"], p["last"]["line"]) for p in data["problems"]}
            self.assertEqual(counts, {"token_rejected": (2, 1, 4), "signature_invalid": (1, 3, 3)})
            self.assertEqual(data["problems"][0]["problem"], "token_rejected", "sorted by count")
            text = run("--summary", "--file", handle.name).stdout.decode()
            self.assertIn("5 lines read, 3 findings", text)
            self.assertIn("OAuth request rejected (3)", text, "grouped by category")
        finally:
            os.unlink(handle.name)

    def test_long_text_is_cut_at_2000_characters(self):
        line = "oauth_problem=nonce_used " + "x" * 5000
        record = json.loads(run("--json", line).stdout)
        self.assertEqual(len(record["text"]), 2000)

    def test_rules_file_gives_identical_results(self):
        builtin = run("--json", stdin=self.lines.encode()).stdout
        exported = run("--json", "--rules", "Site/rules.json", stdin=self.lines.encode()).stdout
        self.assertEqual(builtin, exported)


class LargeInputs(unittest.TestCase):
    """The Vectorscan pass (blocks of 64 KiB and more), its cached database and --jobs."""

    def log(self, folder):
        path = os.path.join(folder, "atlassian-jira.log")
        with open("Site/rules-tests.json", encoding="utf-8") as handle:
            cases = json.load(handle)["cases"]
        with open(path, "w", encoding="utf-8") as handle:
            for round_ in range(40):
                for case in cases:
                    handle.write(f"ordinary line {round_} of nothing\n{case['text']}\n")
        return path

    def test_jobs_give_the_same_output(self):
        with tempfile.TemporaryDirectory() as folder:
            path = self.log(folder)
            env = {"XDG_CACHE_HOME": os.path.join(folder, "cache")}
            outputs = {}
            for jobs in ("1", "2", "3"):
                for mode in ((), ("--json",)):
                    result = run("--jobs", jobs, *mode, "--file", path, env=env)
                    self.assertEqual(result.returncode, 0, result.stderr)
                    outputs.setdefault(mode, set()).add(result.stdout)
            for mode, seen in outputs.items():
                self.assertEqual(len(seen), 1, f"--jobs changes the output of {mode}")
            for bad in ("0", "x"):
                result = run("--jobs", bad, "--file", path)
                self.assertEqual(result.returncode, 2)
                self.assertIn(b"--jobs", result.stderr)

    def test_a_corrupt_or_foreign_cache_is_ignored_and_rebuilt(self):
        with tempfile.TemporaryDirectory() as folder:
            path = self.log(folder)
            cache = os.path.join(folder, "cache")
            env = {"XDG_CACHE_HOME": cache}
            first = run("--json", "--file", path, env=env)
            self.assertEqual(first.returncode, 0, first.stderr)
            files = os.listdir(os.path.join(cache, "applinkskb"))
            self.assertEqual(len(files), 1, files)
            cached = os.path.join(cache, "applinkskb", files[0])
            good = open(cached, "rb").read()
            header = good.index(b"\n\n") + 2
            damages = [b"", good[: len(good) // 2], good[:header] + b"\0" * (len(good) - header),
                       good.replace(b"applinkskb vectorscan", b"applinkskb vectorscam", 1),
                       os.urandom(4096)]
            for damage in damages:
                with open(cached, "wb") as handle:
                    handle.write(damage)
                again = run("--json", "--file", path, env=env)
                self.assertEqual(again.returncode, 0, again.stderr)
                self.assertEqual(again.stdout, first.stdout)
                self.assertEqual(open(cached, "rb").read(), good, "the cache is written again")
            self.assertEqual(sorted(os.listdir(os.path.join(cache, "applinkskb"))), files,
                             "no temporary file is left")


if __name__ == "__main__":
    kbtest.run_and_report()
