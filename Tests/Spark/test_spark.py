#!/usr/bin/env python3
"""Integrations/spark/lookup_spark.py on Spark's local[2] master against lookup itself.

On generated logs (Benchmarks/generate_logs.py) and made fixtures, the job gives the same
findings, in the same order, and the same summary as `lookup --json` and `lookup --summary
--json` on the same inputs: a folder with a rotated set (one member .gz) and a file that is no
log, a glob, a file with entries and every shape of link, a support zip, and large plain files
cut into 256 KiB splits, with a lead of a few hundred bytes so that entries cross splits and
the job reads a split again with a longer lead (and, in a file no layout matches, back to its
start). A damaged .gz is named as lookup names it, with exit status 2 and the rest read; a
refused rule set is refused with lookup's message before any data is read; a missing input is
named; an empty folder finds nothing.

One Spark session serves every case. Needs pyspark and java (make spark-tests installs them)
and lookup ($LOOKUP or the debug build).
"""
import contextlib
import glob
import gzip
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest
import zipfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Support"))
import kbtest  # noqa: E402

SPARK_FOLDER = os.path.join(kbtest.ROOT, "Integrations", "spark")
sys.path.insert(0, SPARK_FOLDER)
import lookup_spark  # noqa: E402

GENERATOR = os.path.join(kbtest.ROOT, "Benchmarks", "generate_logs.py")
MASTER = os.environ.get("SPARK_MASTER", "local[2]")
LOOKUP = os.path.abspath(kbtest.lookup_binary())
#: make bundle's archive, when given.
BUNDLE = os.environ.get("BUNDLE")

JIRA = (b"2024-03-05 09:00:00,001 http-nio-8080-exec-3 ERROR admin 1x2x3 - 10.0.0.1 /rest/applinks/3.0/status "
        b"[c.a.applinks.core.rest.ApplinkStatusResource] Request to https://confluence.example.net failed\n")
CAUSE = b"Caused by: net.oauth.OAuthProblemException: token_rejected\n"


def generate(path, size, seed):
    subprocess.run([sys.executable, GENERATOR, "--size", str(size), "--seed", str(seed), "--out", path],
                   check=True, capture_output=True)
    os.remove(path + ".counts.json")


def write(path, data):
    with open(path, "wb") as handle:
        handle.write(data)
    return path


def gzip_file(path, target=None):
    target = target or path + ".gz"
    with open(path, "rb") as source, gzip.open(target, "wb") as handle:
        shutil.copyfileobj(source, handle)
    os.remove(path)
    return target


def lookup(*args):
    result = subprocess.run([LOOKUP, *args], capture_output=True, timeout=kbtest.HANG_SECONDS)
    return result.returncode, result.stdout, result.stderr.decode("utf-8", "replace")


class SparkJob(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        os.environ["PYTHONPATH"] = os.pathsep.join([SPARK_FOLDER] + [p for p in [os.environ.get("PYTHONPATH")] if p])
        from pyspark.sql import SparkSession
        # Spark's own timeouts (heartbeats, RPC; 120 s by default) only end a hang here: a
        # loaded machine must not fail a job that is merely slow.
        cls.spark = (SparkSession.builder.master(MASTER).appName("test_spark")
                     .config("spark.ui.enabled", "false").config("spark.ui.showConsoleProgress", "false")
                     .config("spark.network.timeout", "%ds" % kbtest.HANG_SECONDS).getOrCreate())
        cls.spark.sparkContext.setLogLevel("ERROR")
        cls.folder = tempfile.mkdtemp(prefix="lookup-spark-")
        vectors = kbtest.load_vectors()
        cls.vectors = vectors
        a, b = cls.path("node-a"), cls.path("node-b")
        os.makedirs(os.path.join(a, "old"))
        os.makedirs(b)
        # One generated log (the generator takes some 15 s to start), cut at line feeds into
        # the files of two nodes.
        generate(cls.path("generated.log"), 3_400_000, 1)
        with open(cls.path("generated.log"), "rb") as handle:
            cls.data = handle.read()
        os.remove(cls.path("generated.log"))
        write(os.path.join(a, "atlassian-jira.log"), cls.piece(0, 1_200_000))
        write(os.path.join(a, "atlassian-jira.log.1"), cls.piece(1_200_000, 300_000))
        gzip_file(write(os.path.join(a, "atlassian-jira.log.2"), cls.piece(1_500_000, 300_000)))
        write(os.path.join(a, "old", "atlassian-confluence.log"), cls.piece(1_800_000, 300_000))
        write(os.path.join(a, "notes.bin"), b"oauth_problem=nonce_used\n")
        write(os.path.join(b, "node2.log"), cls.piece(2_100_000, 700_000))
        gzip_file(write(os.path.join(b, "node3.log"), cls.piece(2_800_000, 300_000)))
        # Entries (stack traces, wrapped payloads) and every shape of link, from the vectors.
        cls.single = cls.path("atlassian-bitbucket.log")
        with open(cls.single, "w", encoding="utf-8") as handle:
            for case in vectors["cases"]:
                if case["kind"] in ("entry", "link", "real", "example"):
                    handle.write(case["text"].rstrip("\n") + "\n")
        # Entries far longer than a lead, and a file no layout matches, cut into splits.
        cls.traces = cls.path("atlassian-crowd.log")
        with open(cls.traces, "wb") as handle:
            for index in range(6):
                handle.write(JIRA)
                for line in range(9000 * (index % 3)):
                    handle.write(CAUSE if line % 997 == 0 else b"\tat com.example.Frame.call(Frame.java:%d)\n" % line)
        cls.plain = cls.path("catalina.out")
        with open(cls.plain, "wb") as handle:
            for line in range(40000):
                handle.write(CAUSE if line % 1500 == 0 else b"plain text with no layout %d\n" % line)
        cls.zip = cls.path("Jira_support_2024-03-05.zip")
        with zipfile.ZipFile(cls.zip, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("application-logs/atlassian-jira.log", JIRA + CAUSE)
            archive.writestr("application-logs/atlassian-jira.log.1", JIRA.replace(b"09:00", b"08:00") + CAUSE)
            archive.writestr("application-logs/atlassian-jira.log.2.gz",
                             gzip.compress(JIRA.replace(b"09:00", b"07:00") + CAUSE))
            archive.writestr("application-properties/application.xml", b"oauth_problem=nonce_used\n")
        cls.inputs = [a, os.path.join(b, "*.log*"), cls.single, cls.traces, cls.plain, cls.zip]
        # lookup reads the glob as the shell gives it: sorted.
        cls.lookup_inputs = [a] + sorted(glob.glob(os.path.join(b, "*.log*"))) + cls.inputs[2:]

    @classmethod
    def tearDownClass(cls):
        cls.spark.stop()
        shutil.rmtree(cls.folder, ignore_errors=True)

    @classmethod
    def piece(cls, start, size):
        """The lines of the generated log from the first line start at or after `start`, about
        `size` bytes."""
        begin = cls.data.index(b"\n", start) + 1 if start else 0
        return cls.data[begin:cls.data.index(b"\n", begin + size) + 1]

    @classmethod
    def path(cls, *names):
        return os.path.join(cls.folder, *names)

    def job(self, *args):
        """(exit status, findings, summary, standard error) of the job."""
        out = self.path("out-%d" % len(os.listdir(self.folder)))
        arguments = lookup_spark.parse_arguments(["--lookup", LOOKUP, "--out", out, *args])
        errors = io.StringIO()
        with contextlib.redirect_stderr(errors):
            status = lookup_spark.run_job(self.spark, arguments)
        findings, summary = [], None
        for part in sorted(glob.glob(os.path.join(out, "findings", "part-*"))):
            with open(part, encoding="utf-8") as handle:
                findings += [json.loads(line) for line in handle if line.strip()]
        if os.path.exists(os.path.join(out, "summary.json")):
            with open(os.path.join(out, "summary.json"), encoding="utf-8") as handle:
                summary = json.load(handle)
            summary.pop("milliseconds")
        return status, findings, summary, errors.getvalue()

    def assertSameAsLookup(self, job_args, lookup_args, status=0):
        got_status, got, summary, errors = self.job(*job_args)
        self.assertEqual(got_status, status, errors)
        lookup_status, out, lookup_errors = lookup("--json", *lookup_args)
        want = [json.loads(line) for line in out.splitlines()]
        self.assertEqual(lookup_status, status, lookup_errors)
        self.assertEqual(len(got), len(want))
        for index, (a, b) in enumerate(zip(want, got)):
            self.assertEqual(b, a, "finding %d differs" % index)
        want_summary = json.loads(lookup("--summary", "--json", *lookup_args)[1])
        want_summary.pop("milliseconds")
        failures = [line[len("lookup: "):] for line in lookup_errors.splitlines()
                    if line.startswith("lookup: ") and "(--verbose lists them)" not in line]
        if failures:
            want_summary["errors"] = failures
        self.assertEqual(summary, want_summary)
        return got, summary, errors

    def test_every_input_kind_in_splits_as_lookup(self):
        found, summary, errors = self.assertSameAsLookup(
            ["--split-bytes", str(256 * 1024), "--first-lead", "300", *self.inputs], self.lookup_inputs)
        sources = {f["source"].split("!")[0] for f in found}
        self.assertIn(self.path("node-a", "atlassian-jira.log.2.gz"), sources)
        self.assertIn(self.path("node-b", "node3.log.gz"), sources)
        self.assertIn(self.zip, sources)
        self.assertNotIn(self.path("node-a", "notes.bin"), sources)
        self.assertIn("skipped 1 file whose name does not look like a log", errors)
        self.assertGreater(len(found), 500)
        self.assertTrue(any(len(p["links"]) > 1 for p in summary["problems"]))
        # Entries that began long before their split, and findings no layout line precedes.
        crowd = [f for f in found if f["source"] == self.traces]
        self.assertTrue(any(f["line"] > 9000 and f["fields"].get("log_time") for f in crowd))
        self.assertTrue(all("log_time" not in f["fields"] for f in found if f["source"] == self.plain))

    def test_more_links_than_the_cap_across_splits_and_in_one_run(self):
        path = self.path("links", "atlassian-jira.log")
        os.makedirs(os.path.dirname(path))
        with open(path, "wb") as handle:
            for round_ in range(3):
                for node in range(160):
                    if node % 3 >= round_:
                        handle.write(
                            b"2024-03-05 09:00:%02d,001 http-nio-8080-exec-3 WARN anonymous 1x2x3 - 10.0.0.1 "
                            b"/rest [c.a.oauth.serviceprovider.internal.servlet.OAuthFilter] Problem encountered "
                            b"authenticating OAuth client for url \"https://node%d.example.net/rest/applinks/1.0/"
                            b"manifest\", error was \"signature_invalid\"\n" % (node % 60, node))
        _, summary, _ = self.assertSameAsLookup(["--split-bytes", "8192", path], [path])
        self.assertGreater(summary["problems"][0].get("other_links", 0), 0, "past the cap of 100 links")
        self.assertSameAsLookup([os.path.dirname(path)], [os.path.dirname(path)])

    def test_whole_files_and_a_glob_as_lookup(self):
        self.assertSameAsLookup([self.inputs[1], self.single], self.lookup_inputs[1:-3])

    def test_a_damaged_gzip_is_named_and_the_rest_read(self):
        folder = self.path("damaged")
        os.makedirs(folder)
        write(os.path.join(folder, "good.log"), self.piece(0, 200_000))
        bad = gzip_file(write(os.path.join(folder, "bad.log"), self.piece(200_000, 200_000)))
        with open(bad, "r+b") as handle:
            handle.seek(os.path.getsize(bad) // 2)
            handle.write(b"\xff" * 64)
        found, summary, errors = self.assertSameAsLookup([folder], [folder], status=2)
        self.assertEqual(len(summary["errors"]), 1)
        self.assertTrue(summary["errors"][0].startswith(bad + ": "), summary["errors"])
        self.assertIn("lookup_spark: " + summary["errors"][0], errors)
        self.assertTrue(any(f["source"] == bad for f in found), "the findings before the damage are kept")

    def test_an_empty_folder_finds_nothing(self):
        os.makedirs(self.path("empty"))
        status, found, summary, _ = self.job(self.path("empty"))
        self.assertEqual((status, found), (1, []))
        self.assertEqual(summary, {"problems": [], "lines": 0, "bytes": 0})

    def test_a_refused_rule_set_before_reading(self):
        for ident in ("subset-lookbehind", "missing-key-in-rule", "unknown-transform"):
            document = next(d for d in self.vectors["refusals"] if d["id"] == ident)
            path = self.path(ident + ".json")
            with open(path, "w", encoding="utf-8") as handle:
                json.dump(document["rule_set"], handle)
            status, found, summary, errors = self.job("--rules", path, self.single)
            self.assertEqual(status, 2, errors)
            refusal = "%s: error[%s]: %s\n" % (path, document["code"], document["reason"])
            self.assertEqual(lookup("--rules", path, "x")[2], "lookup: " + refusal)
            self.assertIn("lookup_spark: " + refusal, errors)
            self.assertEqual((found, summary), ([], None), "the job wrote output for a refused rule set")

    def test_a_rule_set_given(self):
        self.assertSameAsLookup(["--rules", os.path.join(kbtest.SITE, "rules.json"), self.single],
                                ["--rules", os.path.join(kbtest.SITE, "rules.json"), self.single])

    def test_no_lookup_is_named(self):
        arguments = lookup_spark.parse_arguments(["--lookup", self.path("no-lookup"), "--out", self.path("out-none"),
                                                  self.single])
        errors = io.StringIO()
        with contextlib.redirect_stderr(errors):
            self.assertEqual(lookup_spark.run_job(self.spark, arguments), 2)
        self.assertIn("lookup_spark: --lookup %s: no executable file there on the executor" % self.path("no-lookup"),
                      errors.getvalue())

    def test_a_missing_input_is_named(self):
        missing = self.path("no-such-folder")
        status, _, _, errors = self.job(missing)
        self.assertEqual(status, 2)
        self.assertIn("lookup_spark: %s: no such file or folder" % missing, errors)

    def test_the_bundle_shipped_as_an_archive(self):
        if not BUNDLE:
            self.skipTest("no $BUNDLE (make spark-tests makes one)")
        self.spark.sparkContext.addArchive(os.path.abspath(BUNDLE) + "#applinkskb")
        out = self.path("out-bundle")
        arguments = lookup_spark.parse_arguments(["--out", out, "--split-bytes", str(256 * 1024),
                                                  self.traces, self.zip])
        with contextlib.redirect_stderr(io.StringIO()):
            self.assertEqual(lookup_spark.run_job(self.spark, arguments), 0)
        found = [json.loads(line) for part in sorted(glob.glob(os.path.join(out, "findings", "part-*")))
                 for line in open(part, encoding="utf-8")]
        self.assertEqual(found, [json.loads(line) for line in lookup("--json", self.traces, self.zip)[1].splitlines()])


GLIBC = ("linux-vdso", "linux-gate", "ld-linux", "libc.so", "libm.so", "libdl.so", "libpthread.so", "librt.so",
         "libutil.so", "libresolv.so", "libmvec.so")


class Bundle(unittest.TestCase):
    """make bundle's archive: its lookup runs with no system copy of its libraries on its
    search path, every library but glibc's resolved inside the bundle."""

    def setUp(self):
        if not BUNDLE:
            self.skipTest("no $BUNDLE (make spark-tests makes one)")
        self.folder = tempfile.mkdtemp(prefix="lookup-bundle-")
        self.addCleanup(shutil.rmtree, self.folder, True)
        subprocess.run(["tar", "-xzf", BUNDLE, "-C", self.folder], check=True)

    def bare(self, *command, stdin=None):
        """`command` under env -i, with an LD_LIBRARY_PATH of nothing else."""
        return subprocess.run(["env", "-i", "LD_LIBRARY_PATH=/nonexistent", *command], input=stdin,
                              capture_output=True, timeout=kbtest.HANG_SECONDS)

    def test_the_archive_holds_lookup_its_libraries_and_the_rules(self):
        names = sorted(os.listdir(self.folder))
        self.assertEqual(names, ["lib", "lookup", "rules.json"])
        with open(os.path.join(self.folder, "rules.json"), "rb") as bundled, \
                open(os.path.join(kbtest.SITE, "rules.json"), "rb") as site:
            self.assertEqual(bundled.read(), site.read())
        libraries = os.listdir(os.path.join(self.folder, "lib"))
        for wanted in ("libarchive.so", "libz.so", "libhs.so", "libpcre2-8.so"):
            self.assertTrue(any(name.startswith(wanted) for name in libraries), (wanted, libraries))

    def test_every_library_resolves_inside_the_bundle(self):
        result = self.bare("ldd", os.path.join(self.folder, "lookup"))
        self.assertEqual(result.returncode, 0, result.stderr)
        lines = result.stdout.decode().splitlines()
        self.assertGreater(len(lines), 5)
        for line in lines:
            name = line.strip().split()[0]
            if name.startswith(GLIBC) or "=>" not in line:
                continue
            where = line.split("=>")[1].split("(")[0].strip()
            self.assertTrue(where.startswith(os.path.join(self.folder, "lib") + "/"), line)

    def test_the_bundled_lookup_reads_every_kind_of_input(self):
        lookup_path = os.path.join(self.folder, "lookup")
        data = (b"x" * 200 + b"\n") * 2000 + JIRA + CAUSE
        fixtures = {"atlassian-jira.log": data, "atlassian-jira.log.1.gz": gzip.compress(data)}
        archive = io.BytesIO()
        with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as handle:
            handle.writestr("application-logs/atlassian-jira.log", data)
        fixtures["support.zip"] = archive.getvalue()
        for name, content in fixtures.items():
            path = os.path.join(self.folder, name)
            with open(path, "wb") as handle:
                handle.write(content)
            result = self.bare(lookup_path, "--json", "--jobs", "2", path)
            self.assertEqual(result.returncode, 0, result.stderr)
            self.assertEqual([json.loads(line)["problem"] for line in result.stdout.splitlines()], ["token_rejected"])
        result = self.bare(lookup_path, "--rules", os.path.join(self.folder, "rules.json"), "--json", "-",
                           stdin=CAUSE)
        self.assertEqual(result.returncode, 0, result.stderr)


if __name__ == "__main__":
    kbtest.run_and_report()
