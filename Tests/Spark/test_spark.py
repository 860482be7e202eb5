#!/usr/bin/env python3
"""Integrations/spark/lookup_spark.py on Spark's local[2] master against lookup.

* every case, refusal and accepted rule set of Site/rules-tests.json (the job's --vectors mode);
* a generated set of logs (several files, two gzipped, read as a folder, a glob and a file,
  plain files cut into 1 MiB splits so that line numbers cross splits, entries and links
  included) gives the same findings, in the same order, and the same summary as
  `lookup --json` and `lookup --summary --json` on the same files;
* a corrupt .gz among the inputs is named, the job ends with 2, and the other file is read;
* a refused rule set is refused before any data is read, with lookup's message.

Needs pyspark and java (make spark-tests installs them) and lookup ($LOOKUP or the debug build).
"""
import glob
import gzip
import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Support"))
import kbtest  # noqa: E402

JOB = os.path.join(kbtest.ROOT, "Integrations", "spark", "lookup_spark.py")
RULES = os.path.join(kbtest.SITE, "rules.json")
GENERATOR = os.path.join(kbtest.ROOT, "Benchmarks", "generate_logs.py")
MASTER = os.environ.get("SPARK_MASTER", "local[2]")


def spark_submit():
    import pyspark
    return os.path.join(os.path.dirname(pyspark.__file__), "bin", "spark-submit")


def run_job(*args, conf=()):
    command = [spark_submit(), "--master", MASTER, "--conf", "spark.ui.enabled=false", "--conf", "spark.log.level=WARN"]
    for item in conf:
        command += ["--conf", item]
    command += [JOB, *args]
    result = subprocess.run(command, capture_output=True, timeout=900)
    # spark-submit runs the job's Python with its standard error sent to standard output.
    result.messages = (result.stdout + result.stderr).decode("utf-8", "replace")
    return result


def tail(result, size=3000):
    return "\n".join(x for x in result.messages.splitlines() if "lookup_spark" in x or "Error" in x)[-size:]


def read_findings(out):
    parts = sorted(glob.glob(os.path.join(out, "findings", "part-*")))
    return [json.loads(raw) for path in parts for raw in open(path, encoding="utf-8") if raw.strip()]


def generate(path, size, seed):
    subprocess.run([sys.executable, GENERATOR, "--size", str(size), "--seed", str(seed), "--out", path],
                   check=True, capture_output=True)
    counts = path + ".counts.json"
    if os.path.exists(counts):
        os.remove(counts)


def gzip_file(path):
    with open(path, "rb") as source, gzip.open(path + ".gz", "wb") as target:
        shutil.copyfileobj(source, target)
    os.remove(path)
    return path + ".gz"


class SparkJob(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.folder = tempfile.mkdtemp(prefix="lookup-spark-")
        vectors = kbtest.load_vectors()
        cls.vectors = vectors
        a = os.path.join(cls.folder, "node-a")
        b = os.path.join(cls.folder, "node-b")
        os.makedirs(os.path.join(a, "old"))
        os.makedirs(b)
        generate(os.path.join(a, "atlassian-jira.log"), 5_000_000, 1)
        generate(os.path.join(a, "old", "atlassian-confluence.log.1"), 2_000_000, 2)
        gzip_file(os.path.join(a, "old", "atlassian-confluence.log.1"))
        generate(os.path.join(b, "node2.log"), 3_000_000, 3)
        generate(os.path.join(b, "node3.log"), 1_500_000, 4)
        gzip_file(os.path.join(b, "node3.log"))
        # Entries (stack traces, wrapped payloads) and every shape of link, from the vectors.
        cls.single = os.path.join(cls.folder, "atlassian-bitbucket.log")
        with open(cls.single, "w", encoding="utf-8") as handle:
            for case in vectors["cases"]:
                if case["kind"] in ("entry", "link", "real", "example"):
                    handle.write(case["text"].rstrip("\n") + "\n")
        cls.inputs = [a, os.path.join(b, "*.log*"), cls.single]
        # The files in the order the job reads them: each argument's files sorted by path.
        cls.files = sorted(glob.glob(os.path.join(a, "**", "*"), recursive=True))
        cls.files = [f for f in cls.files if os.path.isfile(f)]
        cls.files += sorted(glob.glob(os.path.join(b, "*.log*"))) + [cls.single]

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.folder, ignore_errors=True)

    def test_vectors(self):
        result = run_job("--rules", RULES, "--vectors", kbtest.VECTORS)
        output = result.stdout.decode("utf-8", "replace")
        expected = len(self.vectors["cases"]) + len(self.vectors["refusals"]) + 2 * len(self.vectors["accepted"]) + 1
        self.assertEqual(result.returncode, 0, "\n".join(x for x in output.splitlines() if x.startswith("FAIL"))[-4000:])
        self.assertIn("%d passed, 0 failed" % expected, output)

    def test_same_as_lookup(self):
        out = os.path.join(self.folder, "out")
        result = run_job("--rules", RULES, "--out", out, *self.inputs,
                         conf=["spark.sql.files.maxPartitionBytes=1m"])
        self.assertEqual(result.returncode, 0, tail(result))
        want = [json.loads(raw) for raw in kbtest.run_lookup("--json", *self.files).stdout.splitlines()]
        got = read_findings(out)
        self.assertGreater(len(want), 1000)
        self.assertEqual(len(got), len(want))
        for index, (a, b) in enumerate(zip(want, got)):
            self.assertEqual(b, a, "finding %d differs" % index)
        summary = json.loads(kbtest.run_lookup("--summary", "--json", *self.files).stdout)
        with open(os.path.join(out, "summary.json"), encoding="utf-8") as handle:
            document = json.load(handle)
        for side in (summary, document):
            side.pop("milliseconds")
        self.assertEqual(document, summary)
        self.assertTrue(any(len(p["links"]) > 1 for p in summary["problems"]))
        self.assertTrue(any("log_time" in f["fields"] and f["text"].startswith(("\t", "Caused by"))
                            for f in got), "no finding on a continuation line")

    def test_corrupt_gzip_is_named_and_the_rest_read(self):
        folder = os.path.join(self.folder, "damaged")
        os.makedirs(folder)
        good = os.path.join(folder, "good.log")
        generate(good, 400_000, 5)
        bad = os.path.join(folder, "bad.log")
        generate(bad, 400_000, 6)
        bad = gzip_file(bad)
        with open(bad, "r+b") as handle:
            handle.seek(os.path.getsize(bad) // 2)
            handle.write(b"\xff" * 64)
        out = os.path.join(self.folder, "out-damaged")
        result = run_job("--rules", RULES, "--out", out, folder)
        stderr = result.messages
        self.assertEqual(result.returncode, 2, tail(result))
        self.assertIn("lookup_spark: %s: could not be read in full" % bad, stderr)
        with open(os.path.join(out, "summary.json"), encoding="utf-8") as handle:
            document = json.load(handle)
        self.assertEqual([e["source"] for e in document["errors"]], [bad])
        want = kbtest.lookup_findings(good)
        got = [f for f in read_findings(out) if f["source"] == good]
        self.assertGreater(len(want), 10)
        self.assertEqual(got, want)

    def test_refused_rule_set_before_reading(self):
        for ident in ("subset-lookbehind", "missing-key-in-rule", "unknown-transform"):
            document = next(d for d in self.vectors["refusals"] if d["id"] == ident)
            path = os.path.join(self.folder, ident + ".json")
            with open(path, "w", encoding="utf-8") as handle:
                json.dump(document["rule_set"], handle)
            out = os.path.join(self.folder, "out-" + ident)
            result = run_job("--rules", path, "--out", out, self.single)
            stderr = result.messages
            self.assertEqual(result.returncode, 2, tail(result))
            self.assertIn("lookup_spark: %s: %s\n" % (path, document["reason"]), stderr)
            lookup = kbtest.run_lookup("--rules", path, "x", check=False)
            self.assertEqual(lookup.stderr.decode(), "lookup: %s: %s\n" % (path, document["reason"]))
            self.assertFalse(os.path.exists(out), "the job wrote output for a refused rule set")

    def test_missing_input_is_named(self):
        missing = os.path.join(self.folder, "no-such-folder")
        result = run_job("--rules", RULES, "--out", os.path.join(self.folder, "out-missing"), missing)
        self.assertEqual(result.returncode, 2)
        self.assertIn("lookup_spark: %s: no such file or folder" % missing, result.messages)


if __name__ == "__main__":
    kbtest.run_and_report()
