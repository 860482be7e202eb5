"""`lookup` on what administrators hand over: files and folders named as arguments, support zips,
rotated and compressed logs, a log that grows (--follow); entries, time ranges, links, context;
and damaged or hostile inputs (a gzip bomb, cut and corrupt archives, encrypted entries,
unreadable files, symlink loops, escapes in names, a folder of 100,000 files).

Every fixture is made here, in a temporary folder, with Python's standard library.
Run from the repository root after `swift build`: python3 Tests/CLI/test_inputs.py
The binary is $LOOKUP, or .build/debug/lookup.
"""
import bz2
import datetime
import gzip
import io
import json
import lzma
import os
import queue
import signal
import subprocess
import sys
import tarfile
import tempfile
import threading
import time
import unittest
import zipfile
import zlib

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Support"))
import kbtest  # noqa: E402

LOOKUP = kbtest.lookup_binary()
MIB = 1 << 20
#: What lookup may use above its size on an empty file, whatever the input inflates to.
MEMORY_ALLOWANCE_KB = 48 * 1024


def jira(time_text, code="signature_invalid", host="jira.example.net", thread="http-nio-8080-exec-21"):
    """A line in Jira's layout, as atlassian-jira.log has them."""
    return ("%s %s WARN anonymous 842x27011x1 - 10.0.0.9 /rest/applinks/1.0/manifest "
            "[c.a.oauth.serviceprovider.internal.servlet.OAuthFilter] Problem encountered "
            "authenticating OAuth client for url \"https://%s/rest/applinks/1.0/manifest\", "
            "error was \"%s\", with parameters \"{oauth_consumer_key=confluence:8842917}\"\n"
            % (time_text, thread, host, code)).encode()


TRACE = (b"2024-03-05 09:00:00,001 http-nio-8080-exec-3 ERROR admin 1x2x3 - 10.0.0.1 /rest/applinks/3.0/status "
         b"[c.a.applinks.core.rest.ApplinkStatusResource] Request to the remote application failed\n"
         b"com.atlassian.sal.api.net.ResponseException: 401 Unauthorized\n"
         b"\tat com.atlassian.applinks.core.auth.oauth.ThreeLeggedOAuthRequest.execute(X.java:112)\n"
         b"Caused by: net.oauth.OAuthProblemException: token_rejected\n"
         b"\t... 87 more\n")


def run(*args, stdin=None, timeout=kbtest.HANG_SECONDS, **options):
    """(status, stdout, stderr) of lookup with `args`."""
    status, out, err, _ = kbtest.run_measured([LOOKUP, *args], stdin=stdin, timeout=timeout, **options)
    return status, out, err


def records(out):
    return [json.loads(line) for line in out.splitlines()]


def support_zip(path, encrypted=False, control_name=None):
    """A zip laid out as an Atlassian support zip: application-logs/ with a rotated set (one
    member gzip-compressed), tomcat-logs/, and files that are no logs."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("application-logs/atlassian-jira.log", jira("2024-03-05 14:02:11,287") * 2)
        archive.writestr("application-logs/atlassian-jira.log.1", jira("2024-03-05 13:02:11,287"))
        archive.writestr("application-logs/atlassian-jira.log.2.gz", gzip.compress(jira("2024-03-05 12:02:11,287")))
        archive.writestr("tomcat-logs/catalina.out", b"Server startup\n" + TRACE)
        archive.writestr("application-properties/application.xml", b"<properties>oauth_problem=nonce_used</properties>")
        archive.writestr("thread-dump/README", b"oauth_problem=nonce_used")
        if control_name:
            archive.writestr(control_name, b"oauth_problem=nonce_used\n")
        if encrypted:
            archive.writestr("application-logs/atlassian-jira-security.log", b"oauth_problem=token_used\n")
    if encrypted:
        set_encrypted_flag(path, "application-logs/atlassian-jira-security.log")


def set_encrypted_flag(path, name):
    """Marks one entry encrypted (general purpose bit 0, in its local header and its central
    directory record), as `zip -e` would; Python's zipfile cannot encrypt."""
    with open(path, "r+b") as handle:
        data = bytearray(handle.read())
        with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive:
            info = archive.getinfo(name)
        data[info.header_offset + 6] |= 1
        central = data.find(b"PK\x01\x02")
        while central >= 0:
            length = int.from_bytes(data[central + 28:central + 30], "little")
            if data[central + 46:central + 46 + length] == name.encode():
                data[central + 8] |= 1
                break
            central = data.find(b"PK\x01\x02", central + 4)
        handle.seek(0)
        handle.write(data)


class InputTest(unittest.TestCase):
    def setUp(self):
        self.folder = tempfile.TemporaryDirectory(prefix="lookup-inputs-")
        self.addCleanup(self.folder.cleanup)

    def path(self, *names):
        return os.path.join(self.folder.name, *names)

    def write(self, name, data):
        path = self.path(name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as handle:
            handle.write(data)
        return path


class Kinds(InputTest):
    def test_a_path_argument_is_read_and_other_text_explained(self):
        log = self.write("atlassian-jira.log", jira("2024-03-05 14:02:11,287"))
        for args in ((log,), ("--file", log)):
            status, out, err = run("--json", *args)
            self.assertEqual(status, 0, err)
            self.assertEqual([(r["source"], r["line"]) for r in records(out)], [(log, 1)])
        status, out, _ = run("--json", log, "oauth_problem=nonce_used")
        self.assertEqual({r["source"] for r in records(out)}, {log, "-"})
        self.assertIn(b"names an existing file or folder is read", run("--help")[1])

    def test_compressed_files_are_told_by_their_bytes(self):
        line = jira("2024-03-05 14:02:11,287")
        kinds = {
            "atlassian-jira.log.1.gz": gzip.compress(line),
            "atlassian-jira.log.2.bz2": bz2.compress(line),
            "atlassian-jira.log.3.xz": lzma.compress(line),
            "misnamed.log": gzip.compress(line),  # the name says text, the bytes say gzip
            "two-members.log.gz": gzip.compress(line) + gzip.compress(line),
        }
        for name, data in kinds.items():
            with self.subTest(name=name):
                status, out, err = run("--json", self.write(name, data))
                self.assertEqual(status, 0, err)
                found = records(out)
                self.assertEqual(len(found), 2 if name.startswith("two") else 1)
                self.assertEqual(found[0]["fields"]["product"], "jira")
                self.assertEqual(found[0]["text"], line.decode().rstrip("\n"))
        status, out, err = run("--json", "-", stdin=open(self.path("atlassian-jira.log.1.gz"), "rb"))
        self.assertEqual((status, len(records(out))), (0, 1), "compressed standard input")

    def test_a_tar_gz_is_read_in_place(self):
        path = self.path("logs.tar.gz")
        with tarfile.open(path, "w:gz") as archive:
            for name, data in (("logs/atlassian-confluence.log", jira("2024-03-05 14:02:11,287")),
                               ("logs/notes.md", b"oauth_problem=nonce_used\n")):
                info = tarfile.TarInfo(name)
                info.size = len(data)
                archive.addfile(info, io.BytesIO(data))
        status, out, err = run("--json", path)
        self.assertEqual(status, 0, err)
        self.assertEqual([r["source"] for r in records(out)], [path + "!logs/atlassian-confluence.log"])

    def test_a_support_zip(self):
        path = self.path("Jira_support_2024-03-05.zip")
        support_zip(path)
        status, out, err = run("--json", path)
        self.assertEqual(status, 0, err)
        found = records(out)
        self.assertEqual([(r["source"][len(path):], r["line"]) for r in found], [
            ("!application-logs/atlassian-jira.log.2.gz", 1),
            ("!application-logs/atlassian-jira.log.1", 1),
            ("!application-logs/atlassian-jira.log", 1),
            ("!application-logs/atlassian-jira.log", 2),
            ("!tomcat-logs/catalina.out", 5),
        ], "a rotated set oldest first, archive!entry:line")
        self.assertEqual({r["fields"]["product"] for r in found}, {"jira"})
        self.assertIn(b"skipped 2 files whose names do not look like a log", err)
        status, _, err = run("--verbose", "--summary", path)
        self.assertIn(b"application-properties/application.xml: skipped, not a log by its name", err)
        self.assertIn(b"thread-dump/README: skipped", err)
        text = run("--summary", path)[1].decode()
        self.assertIn(path + "!application-logs/atlassian-jira.log.2.gz:1", text)

    def test_a_folder_with_the_layout_of_a_support_zip(self):
        root = self.path("support")
        support_zip(self.path("s.zip"))
        with zipfile.ZipFile(self.path("s.zip")) as archive:
            archive.extractall(root)
        zipped = [(r["source"].split("!")[1], r["line"]) for r in records(run("--json", self.path("s.zip"))[1])]
        folder = [(os.path.relpath(r["source"], root), r["line"]) for r in records(run("--json", root)[1])]
        self.assertEqual(folder, zipped, "a folder and its zip are read alike, in the same order")

    def test_a_zip_inside_a_folder_and_a_zip_inside_a_zip(self):
        inner = io.BytesIO()
        with zipfile.ZipFile(inner, "w") as archive:
            archive.writestr("atlassian-jira.log", jira("2024-03-05 14:02:11,287"))
        self.write("cases/outer.zip", b"")
        with zipfile.ZipFile(self.path("cases/outer.zip"), "w") as archive:
            archive.writestr("nested/inner.zip", inner.getvalue())
        status, out, err = run("--json", self.path("cases"))
        self.assertEqual(status, 0, err)
        self.assertEqual([r["source"] for r in records(out)],
                         [self.path("cases/outer.zip") + "!nested/inner.zip!atlassian-jira.log"])


class Entries(InputTest):
    def test_a_continuation_line_carries_its_entry(self):
        path = self.write("atlassian-jira.log", TRACE + b"oauth_problem=nonce_used at the end\n")
        status, out, err = run("--json", path)
        self.assertEqual(status, 0, err)
        cause, last = records(out)
        self.assertEqual(cause["line"], 4)
        self.assertEqual({k: cause["fields"][k] for k in ("log_time", "level", "thread", "logger", "product")}, {
            "log_time": "2024-03-05 09:00:00,001", "level": "ERROR", "thread": "http-nio-8080-exec-3",
            "logger": "c.a.applinks.core.rest.ApplinkStatusResource", "product": "jira"})
        self.assertEqual(last["fields"]["log_time"], "2024-03-05 09:00:00,001", "still the same entry")

    def test_an_entry_does_not_run_into_the_next_file(self):
        first = self.write("a/atlassian-jira.log", TRACE[:TRACE.index(b"\n") + 1])
        second = self.write("a/catalina.out", b"Caused by: net.oauth.OAuthProblemException: token_rejected\n")
        found = records(run("--json", first, second)[1])
        self.assertEqual(len(found), 1)
        self.assertNotIn("log_time", found[0]["fields"])


class SplitsAndNames(InputTest):
    """--source, --lead and --totals: what the Spark job (Integrations/spark) runs lookup with."""

    @staticmethod
    def lookup(*args, stdin=None):
        result = subprocess.run([LOOKUP, *args], input=stdin if stdin is not None else b"",
                                capture_output=True, timeout=kbtest.HANG_SECONDS)
        return result.returncode, result.stdout, result.stderr

    def test_source_names_standard_input_and_a_copied_file(self):
        data = TRACE + b"oauth_problem=nonce_used at the end\n"
        copy = self.write("copy-1234.tmp", data)
        expected = records(self.lookup("--json", self.write("node/atlassian-jira.log", data))[1])
        for args, stdin in ((("-",), data), ((copy,), None)):
            status, out, err = self.lookup("--json", "--source", self.path("node/atlassian-jira.log"), *args,
                                           stdin=stdin)
            self.assertEqual(status, 0, err)
            self.assertEqual(records(out), expected, args)
        archive = self.path("support.zip")
        support_zip(archive)
        copy = self.path("copy.bin")
        with open(archive, "rb") as source, open(copy, "wb") as target:
            target.write(source.read())
        found = records(self.lookup("--json", "--source", "hdfs:///logs/support.zip", copy)[1])
        self.assertEqual([f["source"] for f in found][:1], ["hdfs:///logs/support.zip!application-logs/atlassian-jira.log.2.gz"],
                         "rotated oldest first, as for the zip itself")
        self.assertEqual([(f["source"].split("!")[1], f["line"]) for f in found],
                         [(f["source"].split("!")[1], f["line"]) for f in records(self.lookup("--json", archive)[1])])

    def test_a_split_with_its_lead_gives_the_findings_of_the_whole_file(self):
        data = (jira("2024-03-05 14:02:11,287") + TRACE) * 40 + b"oauth_problem=nonce_used\n" * 3 + TRACE
        path = self.write("atlassian-jira.log", data)
        whole = records(self.lookup("--json", path)[1])
        for cut in range(0, len(data), 4999):
            start = data.index(b"\n", cut) + 1 if cut else 0
            if start >= len(data):
                continue
            before = data[:start].count(b"\n")
            for lead_start in (0, data.rfind(b"\n", 0, max(start - 1, 0)) + 1):
                arguments = ["--source", path, "--lead", str(start - lead_start), "--first-line", str(before + 1), "-"]
                status, out, err = self.lookup("--json", "--totals", "--jobs", "1", *arguments, stdin=data[lead_start:])
                self.assertIn(status, (0, 1), err)
                found, last = records(out)[:-1], records(out)[-1]
                totals = last["totals"]
                self.assertEqual(totals["lines"], data[start:].count(b"\n"))
                self.assertEqual(totals["bytes"], len(data) - start)
                summary = json.loads(self.lookup("--summary", "--json", *arguments, stdin=data[lead_start:])[1])
                self.assertEqual(totals["problems"], summary["problems"])
                if lead_start == 0 or not last.get("entry_before_lead"):
                    self.assertEqual(found, [f for f in whole if f["line"] > before], (start, lead_start))

    def test_a_lead_without_the_entry_says_so(self):
        data = TRACE + b"\tat x\n" * 5 + b"Caused by: net.oauth.OAuthProblemException: token_rejected\n"
        start = data.rindex(b"\tat x")
        status, out, _ = self.lookup("--json", "--totals", "--lead", "6", "--source", "x.log", "-",
                                     stdin=data[start - 6:])
        last = records(out)[-1]
        self.assertEqual((last["totals"]["lines"], last["totals"]["bytes"], last.get("entry_before_lead")),
                         (2, len(data) - start, True))
        self.assertEqual(last["totals"]["problems"][0]["first"], {"source": "x.log", "line": 2})
        status, out, _ = self.lookup("--json", "--totals", "--lead", str(start), "-", stdin=data)
        last = records(out)[-1]
        self.assertEqual((last["totals"]["lines"], last["totals"]["bytes"], last.get("entry_before_lead")),
                         (2, len(data) - start, None))
        self.assertEqual(records(out)[0]["line"], 2)
        self.assertEqual(records(out)[0]["fields"]["log_time"], "2024-03-05 09:00:00,001")

    def test_usage_errors(self):
        for args in (("--lead", "5", "a.log"), ("--lead", "-1", "-"), ("--totals", "-"), ("--first-line", "0", "-"),
                     ("--first-line", "3", "a.log"),
                     ("--source", "x", "a.log", "b.log"), ("--lead", "5", "-f", "-")):
            status, _, err = self.lookup(*args, stdin=b"")
            self.assertEqual(status, 2, args)
            self.assertIn(b"--", err, args)


class Times(InputTest):
    def test_since_and_until(self):
        path = self.write("atlassian-jira.log", b"".join(
            jira("2024-03-05 %02d:00:00,000" % hour) for hour in range(10, 16)) + TRACE)
        def hours(*args):
            return [r["fields"]["log_time"][11:13] for r in records(run("--json", path, *args)[1])]
        self.assertEqual(hours("--since", "2024-03-05T12:00:00", "--until", "2024-03-05 14:00"), ["12", "13"])
        self.assertEqual(hours("--until", "2024-03-05T10:30"), ["10", "09"], "the trace's entry time counts")
        self.assertEqual(hours("--since", "2024-03-05T15:00:00Z"), ["15"], "a zone on one side only: as written")
        status, _, err = run("--since", "yesterday", path)
        self.assertEqual(status, 2)
        self.assertIn(b"--since", err)

    def test_a_duration_counts_back_from_now(self):
        now = datetime.datetime.now()

        def stamp(hours):
            return (now - datetime.timedelta(hours=hours)).strftime("%Y-%m-%d %H:%M:%S,000")

        path = self.write("atlassian-jira.log", jira(stamp(3), "token_rejected") + jira(stamp(1)))
        found = records(run("--json", "--since", "2h", path)[1])
        self.assertEqual([r["problem"] for r in found], ["signature_invalid"])
        found = records(run("--json", "--until", "2h", path)[1])
        self.assertEqual([r["problem"] for r in found], ["token_rejected"])


class Links(InputTest):
    def test_the_summary_says_which_link(self):
        lines = [jira("2024-03-05 14:%02d:00,000" % (i % 60)) for i in range(313)]
        lines.append(jira("2024-03-05 15:00:00,000", host="Conf.Example.NET:8443"))
        lines.append(b"oauth_problem=signature_invalid\n")
        path = self.write("atlassian-jira.log", b"".join(lines))
        data = json.loads(run("--summary", "--json", path)[1])
        (problem,) = data["problems"]
        self.assertEqual(problem["count"], 315)
        self.assertEqual([(link.get("link"), link["count"]) for link in problem["links"]], [
            ("https://jira.example.net", 313), ("https://conf.example.net:8443", 1), (None, 1)])
        self.assertEqual(problem["links"][0]["first"],
                         {"source": path, "line": 1, "log_time": "2024-03-05 14:00:00,000"})
        self.assertEqual(problem["links"][0]["last"]["line"], 313)
        text = run("--summary", path)[1].decode()
        self.assertIn("313 from https://jira.example.net (first %s:1, last %s:313)" % (path, path), text)
        self.assertIn("1 with no link on the line", text)
        single = self.write("one.log", b"".join(lines[:313]))
        self.assertIn("all from https://jira.example.net", run("--summary", single)[1].decode())
        self.assertEqual(records(run("--json", single)[1])[0]["fields"]["link"], "https://jira.example.net")


class Context(InputTest):
    def test_lines_around_each_finding(self):
        body = b"".join(b"line %d\n" % n for n in range(1, 6)) + b"oauth_problem=nonce_used\n" \
            + b"".join(b"line %d\n" % n for n in range(7, 12))
        path = self.write("app.log", body)
        text = run("--context", "2", path)[1].decode()
        self.assertIn("  %s-4- line 4\n  %s-5- line 5\n  %s:6: oauth_problem=nonce_used\n"
                      "  %s-7- line 7\n  %s-8- line 8\n" % ((path,) * 5), text)
        self.assertNotIn("line 3", text)
        self.assertNotIn("-4-", run(path)[1].decode(), "no context unless asked")
        status, _, err = run("--context", "-1", path)
        self.assertEqual(status, 2)


class Damage(InputTest):
    def baseline(self):
        if not hasattr(Damage, "_rss"):
            Damage._rss = kbtest.run_measured([LOOKUP, "--summary", self.write("empty.log", b"")])[3]
        return Damage._rss

    def test_a_gzip_bomb_is_read_as_a_stream(self):
        path = self.path("bomb.log.gz")
        compressor = zlib.compressobj(9, zlib.DEFLATED, 31)
        with open(path, "wb") as handle:
            handle.write(compressor.compress(b"oauth_problem=token_rejected\n"))
            zeros = b"\0" * MIB
            for _ in range(1024):  # 1 GiB of zeros in about 1 MB
                handle.write(compressor.compress(zeros))
            handle.write(compressor.compress(b"\noauth_problem=nonce_used\n"))
            handle.write(compressor.flush())
        self.assertLess(os.path.getsize(path), 2 * MIB)
        status, out, err, rss = kbtest.run_measured([LOOKUP, "--summary", "--json", path],
                                                    timeout=3 * kbtest.HANG_SECONDS)
        self.assertEqual(status, 0, err)
        data = json.loads(out)
        self.assertEqual(data["bytes"], 1024 * MIB + 29 + 26)
        self.assertEqual(sorted(p["problem"] for p in data["problems"]), ["nonce_used", "token_rejected"])
        self.assertLess(rss, self.baseline() + MEMORY_ALLOWANCE_KB, "peak %d KiB" % rss)

    def test_a_cut_gzip_keeps_everything_before_the_cut(self):
        data = b"".join(b"%d oauth_problem=token_rejected %d\n" % (n, n * 7919 % 10007) for n in range(40000))
        whole = gzip.compress(data)
        path = self.write("atlassian-jira.log.1.gz", whole[:len(whole) // 2])
        readable = zlib.decompressobj(31).decompress(whole[:len(whole) // 2])
        expected = readable.count(b"\n")
        status, out, err = run("--json", path)
        self.assertEqual(status, 2)
        found = records(out)
        self.assertEqual([r["line"] for r in found[:expected]], list(range(1, expected + 1)),
                         "every complete line before the cut")
        self.assertIn(path.encode() + b": damaged after line", err)
        self.assertIn(b"byte %d of the compressed data" % (len(whole) // 2), err)

    def test_a_corrupt_gzip(self):
        whole = bytearray(gzip.compress(jira("2024-03-05 14:02:11,287") * 2000))
        for offset in range(len(whole) // 2, len(whole) // 2 + 64):
            whole[offset] ^= 0x5A
        path = self.write("atlassian-jira.log.gz", bytes(whole))
        status, out, err = run("--summary", "--json", path)
        self.assertEqual(status, 2, err)
        self.assertGreater(json.loads(out)["problems"][0]["count"], 0, "what came before is reported")
        self.assertIn(b"damaged", err)

    def test_a_cut_and_a_corrupt_zip(self):
        path = self.path("support.zip")
        support_zip(path)
        data = open(path, "rb").read()
        with zipfile.ZipFile(path) as archive:
            last_log = archive.getinfo("tomcat-logs/catalina.out").header_offset
        cut = self.write("cut.zip", data[:last_log + 60])
        status, out, err = run("--json", cut)
        self.assertEqual(status, 2, err)
        sources = [r["source"].split("!")[1] for r in records(out)]
        self.assertEqual(sources[:3], ["application-logs/atlassian-jira.log.2.gz",
                                       "application-logs/atlassian-jira.log.1",
                                       "application-logs/atlassian-jira.log"], "the entries before the cut")
        self.assertIn(cut.encode(), err)
        corrupt = bytearray(data)
        with zipfile.ZipFile(path) as archive:
            info = archive.getinfo("application-logs/atlassian-jira.log.1")
        start = info.header_offset + 30 + len(info.filename)
        for offset in range(start + 2, start + info.compress_size - 2):
            corrupt[offset] ^= 0xFF
        status, out, err = run("--json", self.write("corrupt.zip", bytes(corrupt)))
        self.assertEqual(status, 2, err)
        self.assertIn(b"atlassian-jira.log.1", err)
        after = [r for r in records(out) if r["source"].endswith("!application-logs/atlassian-jira.log")]
        self.assertEqual(len(after), 2, "the entries after the damaged one are read")

    def test_encrypted_entries_are_named_and_skipped(self):
        path = self.path("support.zip")
        support_zip(path, encrypted=True)
        status, out, err = run("--json", path)
        self.assertEqual(status, 2)
        self.assertIn(b"atlassian-jira-security.log: encrypted; not read", err)
        self.assertEqual(len(records(out)), 5, "the rest is read")

    def test_unreadable_files_and_symlink_loops_in_a_folder(self):
        root = self.path("logs")
        os.makedirs(self.path("logs", "sub"))
        self.write("logs/sub/atlassian-jira.log", jira("2024-03-05 14:02:11,287"))
        locked = self.write("logs/locked.log", b"oauth_problem=nonce_used\n")
        os.chmod(locked, 0)
        os.symlink(root, self.path("logs", "sub", "back-up"))
        os.symlink("loop.log", self.path("logs", "loop.log"))
        os.chmod(self.folder.name, 0o755)
        options = {}
        if os.geteuid() == 0:  # root reads anything: read as nobody instead
            options["preexec_fn"] = lambda: (os.setgid(65534), os.setuid(65534))
        status, out, err = run("--json", root, **options)
        self.assertEqual(status, 2, err)
        self.assertEqual(len(records(out)), 1)
        self.assertIn(locked.encode() + b": Permission denied", err)
        self.assertIn(b"back-up: a symlink loop to a folder above it: skipped", err)
        self.assertIn(b"loop.log: a symlink loop: skipped", err)

    def test_escapes_in_entry_names_are_printed_escaped(self):
        path = self.path("support.zip")
        support_zip(path, control_name="logs/\x1b]0;owned\x07\x1b[2J.log")
        for args in ((), ("--summary",), ("--verbose", "--summary")):
            status, out, err = run(*args, path)
            self.assertEqual(status, 0, err)
            self.assertNotIn(b"\x1b", out + err)
            self.assertNotIn(b"\x07", out + err)
        self.assertIn(b"logs/\\x1b]0;owned\\x07\\x1b[2J.log:1", run(path)[1])
        found = [r for r in records(run("--json", path)[1]) if "owned" in r["source"]]
        self.assertEqual(found[0]["source"], path + "!logs/\x1b]0;owned\x07\x1b[2J.log", "JSON keeps the name")

    def test_a_folder_of_100000_files(self):
        root = self.path("many")
        os.makedirs(root)
        for index in range(100_000):
            name = "app-%06d.log" % index if index % 10 == 0 else "data-%06d.xml" % index
            with open(os.path.join(root, name), "wb") as handle:
                handle.write(b"oauth_problem=nonce_used\n" if index % 10 == 0 else b"<x/>\n")
        status, out, err, rss = kbtest.run_measured([LOOKUP, "--summary", "--json", root],
                                                    timeout=3 * kbtest.HANG_SECONDS)
        self.assertEqual(status, 0, err)
        data = json.loads(out)
        self.assertEqual((data["problems"][0]["count"], data["lines"]), (10_000, 10_000))
        self.assertIn(b"skipped 90000 files", err)
        self.assertLess(rss, self.baseline() + MEMORY_ALLOWANCE_KB, "peak %d KiB" % rss)


class Follower:
    """lookup --follow running, its standard output read line by line as it is flushed.

    Every wait is for an event (a line printed, bytes read by lookup, the process ended); the
    deadlines only end a hang."""

    def __init__(self, *args):
        self.process = subprocess.Popen([LOOKUP, "--follow", *args], stdout=subprocess.PIPE,
                                        stderr=subprocess.PIPE)
        self.lines = queue.Queue()
        self.errors = []
        self.readers = [
            threading.Thread(target=self._read, args=(self.process.stdout, self.lines.put), daemon=True),
            threading.Thread(target=self._read, args=(self.process.stderr, self.errors.append), daemon=True)]
        for reader in self.readers:
            reader.start()

    @staticmethod
    def _read(stream, put):
        for line in iter(stream.readline, b""):
            put(line)

    def next(self, count=1, timeout=kbtest.HANG_SECONDS):
        """The next `count` lines; fails when they do not come within `timeout` seconds (a hang)."""
        got = []
        deadline = time.monotonic() + timeout
        while len(got) < count:
            try:
                got.append(self.lines.get(timeout=max(0.1, deadline - time.monotonic())))
            except queue.Empty:
                raise AssertionError("lookup --follow printed %d of %d lines in %d s; stderr: %r"
                                     % (len(got), count, timeout, self.errors)) from None
        return got

    def offset(self, path):
        """How far lookup has read `path` (its descriptor's offset), or None when it has no
        descriptor open on it."""
        return kbtest.descriptor_offset(self.process.pid, os.path.realpath(path))

    def has_read(self, path):
        """Waits until lookup has read `path` to its current end."""
        size = os.path.getsize(path)
        kbtest.wait_for(lambda: (self.offset(path) or 0) >= size or self.process.poll() is not None,
                        "lookup --follow to read %s to byte %d" % (path, size))
        self.assertRunning()

    def has_opened(self, path):
        """Waits until lookup has a descriptor open on `path`."""
        kbtest.wait_for(lambda: self.offset(path) is not None or self.process.poll() is not None,
                        "lookup --follow to open %s" % path)
        self.assertRunning()

    def assertRunning(self):
        if self.process.poll() is not None:
            raise AssertionError("lookup --follow ended with %d; stderr: %r" % (self.process.returncode, self.errors))

    def stop(self):
        """Interrupts lookup and returns (its exit status, the lines it printed that were not
        read yet), once both of its streams are read to their end."""
        self.process.send_signal(signal.SIGINT)
        status = self.process.wait(timeout=kbtest.HANG_SECONDS)
        for reader in self.readers:
            reader.join(kbtest.HANG_SECONDS)
            if reader.is_alive():
                raise AssertionError("lookup --follow ended but its output did not")
        rest = []
        while not self.lines.empty():
            rest.append(self.lines.get())
        return status, rest

    def kill(self):
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()


class Follow(InputTest):
    def append(self, path, data):
        with open(path, "ab") as handle:
            handle.write(data)

    def test_follow_across_rotation_and_truncation(self):
        path = self.write("atlassian-jira.log", jira("2024-03-05 14:00:00,000"))
        follower = Follower("--json", "--summary", path)
        self.addCleanup(follower.kill)
        first = json.loads(follower.next()[0])
        self.assertEqual((first["source"], first["line"]), (path, 1), "what the file held")
        self.append(path, b"nothing\n" + jira("2024-03-05 14:01:00,000", "token_rejected"))
        grown = json.loads(follower.next()[0])
        self.assertEqual((grown["problem"], grown["line"]), ("token_rejected", 3), "appended")
        # An unfinished line waits for its line feed. Once lookup has read its bytes, the rest
        # is written: the next finding must be the whole line (a finding of the unfinished part
        # would be printed before it).
        self.append(path, b"oauth_problem=nonce_")
        follower.has_read(path)
        self.append(path, b"used\n")
        whole = json.loads(follower.next()[0])
        self.assertEqual((whole["problem"], whole["line"], whole["text"]),
                         ("nonce_used", 4, "oauth_problem=nonce_used"),
                         "a line being written is read once it is finished")
        # Rotation: renamed away, a line still written to it, then a new file in its place. The
        # new file is made once lookup has printed that line: lookup does not read the renamed
        # file once more when it finds the new one (Sources/LogInputs/FileFollower.swift,
        # checkReplaced), so a line written just before the switch would be found or lost by
        # timing.
        os.rename(path, path + ".1")
        self.append(path + ".1", b"oauth_problem=token_used\n")
        last = json.loads(follower.next()[0])
        self.assertEqual((last["problem"], last["line"], last["source"]), ("token_used", 5, path),
                         "the renamed file is read to its end")
        self.write("atlassian-jira.log", jira("2024-03-05 14:05:00,000", "token_expired"))
        new = json.loads(follower.next()[0])
        self.assertEqual((new["problem"], new["line"]), ("token_expired", 1), "the new file from its start")
        # Truncation (copytruncate). lookup has read the file to its end (it printed its last
        # line), so whenever it looks next, the file is shorter than what it read: cut to
        # nothing, or already holding the shorter line written after the cut.
        self.append(path, jira("2024-03-05 14:06:00,000", "token_revoked"))
        self.assertEqual(json.loads(follower.next()[0])["line"], 2)
        os.truncate(path, 0)
        self.append(path, b"oauth_problem=signature_method_rejected\n")
        again = json.loads(follower.next()[0])
        self.assertEqual((again["problem"], again["line"]), ("signature_method_rejected", 1))
        status, rest = follower.stop()
        self.assertEqual(status, 0, follower.errors)
        summary = json.loads(rest[-1])
        self.assertEqual(sum(p["count"] for p in summary["problems"]), 7)
        errors = b"".join(follower.errors)
        self.assertIn(b"replaced by a new file", errors)
        self.assertIn(b"truncated", errors)

    def test_follow_prints_text_as_it_goes(self):
        path = self.write("atlassian-jira.log", b"")
        follower = Follower(path)
        self.addCleanup(follower.kill)
        # lookup reads a followed file from its start, so the line is printed whenever lookup
        # opened the file; waiting for it to have the file open makes this a file that grows
        # while it is followed.
        follower.has_opened(path)
        self.append(path, jira("2024-03-05 14:00:00,000"))
        heading = follower.next()[0]
        self.assertTrue(heading.startswith(b"OAuth signature rejected"), heading)
        status, _ = follower.stop()
        self.assertEqual(status, 0)


if __name__ == "__main__":
    kbtest.run_and_report()
