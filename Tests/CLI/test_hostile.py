"""`lookup` on hostile input: huge lines, millions of lines, binary, broken encodings, files
that change while read, things that are not files. Each must get a correct answer, in bounded
memory, and never a crash.

Run from the repository root after `swift build`: python3 Tests/CLI/test_hostile.py
The binary is $LOOKUP, or .build/debug/lookup.
"""
import json
import os
import random
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Support"))
import kbtest  # noqa: E402

LOOKUP = os.environ.get("LOOKUP", ".build/debug/lookup")
MIB = 1 << 20
CODE = b"oauth_problem=token_rejected"
#: The most `lookup` may use above its resident size on an empty file. The scanner keeps one
#: block and at most 1 MiB of a line, so anything near the input's size means it kept the input.
MEMORY_ALLOWANCE_KB = 48 * 1024


def run_measured(args, stdin=None, timeout=kbtest.HANG_SECONDS):
    return kbtest.run_measured([LOOKUP, *args], stdin=stdin, timeout=timeout)


def summary(path):
    status, out, err, rss = run_measured(["--summary", "--json", "--file", path])
    if status not in (0, 1):
        raise AssertionError(f"status {status}: {err.decode(errors='replace')}")
    return status, json.loads(out), rss


def findings(args, stdin=None):
    status, out, err, rss = run_measured(["--json", *args], stdin=stdin)
    records = [json.loads(line) for line in out.splitlines()]
    return status, records, err, rss


class Baseline:
    rss = None

    @classmethod
    def get(cls):
        if cls.rss is None:
            with tempfile.NamedTemporaryFile(suffix=".log") as empty:
                cls.rss = run_measured(["--summary", "--file", empty.name])[3]
        return cls.rss


class HostileTest(unittest.TestCase):
    def setUp(self):
        self.folder = tempfile.TemporaryDirectory(prefix="lookup-hostile-")
        self.addCleanup(self.folder.cleanup)

    def path(self, name):
        return os.path.join(self.folder.name, name)

    def write(self, name, data):
        path = self.path(name)
        with open(path, "wb") as handle:
            handle.write(data)
        return path

    def assertBoundedMemory(self, rss_kb, what):
        limit = Baseline.get() + MEMORY_ALLOWANCE_KB
        self.assertLess(rss_kb, limit, f"{what}: peak {rss_kb} KiB, limit {limit} KiB")


class HugeInput(HostileTest):
    def test_100_mib_line_without_line_feed(self):
        path = self.path("huge.log")
        with open(path, "wb") as handle:
            handle.write(b"start " + CODE + b" ")
            chunk = b"x" * MIB
            for _ in range(100):
                handle.write(chunk)
        status, data, rss = summary(path)
        self.assertEqual(status, 0, "the code in the first 1 MiB is found")
        self.assertEqual(data["lines"], 1)
        self.assertEqual(data["bytes"], os.path.getsize(path))
        self.assertEqual([p["problem"] for p in data["problems"]], ["token_rejected"])
        self.assertBoundedMemory(rss, "100 MiB line")

    def test_a_code_past_the_first_mib_of_a_line_is_not_read(self):
        # The line is explained from exactly its first 1 MiB: a code that ends inside it is
        # found, one that ends after it is read as cut there (an unknown value, so
        # oauth_problem_reported), and the next line is read as usual.
        inside = b"x" * (MIB - len(CODE)) + CODE + b"y" * 1000 + b"\n"
        outside = b"x" * (MIB - len(CODE) + 1) + CODE + b"\n"
        after = b"oauth_problem=nonce_used\n"
        status, records, err, _ = findings(["--file", self.write("edge.log", inside + outside + after)])
        self.assertEqual(status, 0, err)
        self.assertEqual([(r["problem"], r["line"]) for r in records],
                         [("token_rejected", 1), ("oauth_problem_reported", 2), ("nonce_used", 3)])
        self.assertEqual(records[1]["fields"]["oauth_problem"], CODE.decode()[len("oauth_problem="):-1])

    def test_ten_million_empty_lines(self):
        path = self.write("empty-lines.log", b"\n" * 10_000_000)
        status, data, rss = summary(path)
        self.assertEqual(status, 1)
        self.assertEqual(data["lines"], 10_000_000)
        self.assertEqual(data["problems"], [])
        self.assertBoundedMemory(rss, "10 million empty lines")

    def test_a_hundred_thousand_findings_keep_memory_flat(self):
        lines = (CODE + b"\noauth_problem=nonce_used\r\n") * 50_000
        status, data, rss = summary(self.write("many.log", lines))
        self.assertEqual(status, 0)
        self.assertEqual(data["lines"], 100_000)
        self.assertEqual({p["problem"]: p["count"] for p in data["problems"]},
                         {"token_rejected": 50_000, "nonce_used": 50_000})
        self.assertBoundedMemory(rss, "100,000 findings")

    def test_endless_stream_without_line_feed(self):
        # /dev/zero never ends: lookup must keep reading in constant memory until stopped.
        process = subprocess.Popen([LOOKUP, "--file", "/dev/zero"], stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL)
        def read():
            with open(f"/proc/{process.pid}/io") as io:
                return int(re.search(r"rchar: (\d+)", io.read()).group(1))

        try:
            # Until it has read 64 MiB, however long a loaded machine takes to start it: the
            # outcome must not depend on timing; the deadline only ends a hung run.
            kbtest.wait_for(lambda: process.poll() is not None or read() > 64 * MIB,
                            "lookup to read 64 MiB of /dev/zero", interval=0.1)
            self.assertIsNone(process.poll(), "lookup ended while reading /dev/zero")
            total = read()
            with open(f"/proc/{process.pid}/status") as status:
                peak = int(re.search(r"VmHWM:\s+(\d+) kB", status.read()).group(1))
        finally:
            process.kill()
            process.wait()
        self.assertBoundedMemory(peak, f"/dev/zero after {total // MIB} MiB")


class Encodings(HostileTest):
    def test_random_binary_with_codes_between(self):
        generator = random.Random(20240305)
        data = bytearray()
        expected = []
        lines_so_far = 0
        for _ in range(40):
            chunk = generator.randbytes(256 * 1024)
            data += chunk
            lines_so_far += chunk.count(b"\n")
            data += b"\n" + CODE + b"\n"
            # The code sits on its own line, after the line feed that ends the random chunk.
            expected.append(lines_so_far + 2)
            lines_so_far += 2
        status, records, err, rss = findings(["--file", self.write("binary.log", bytes(data))])
        self.assertEqual(status, 0, err)
        self.assertEqual([r["line"] for r in records], expected)
        self.assertEqual({r["problem"] for r in records}, {"token_rejected"})
        self.assertBoundedMemory(rss, "random binary")

    def test_pure_random_binary(self):
        data = random.Random(7).randbytes(32 * MIB)
        status, summary_data, _ = summary(self.write("noise.bin", data))
        self.assertEqual(status, 1)
        self.assertEqual(summary_data["bytes"], len(data))
        expected_lines = data.count(b"\n") + (0 if data.endswith(b"\n") else 1)
        self.assertEqual(summary_data["lines"], expected_lines)

    def test_invalid_utf8(self):
        broken = [
            b"\xff\xfe", b"\xc3\x28", b"\xa0\xa1", b"\xe2\x28\xa1", b"\xe2\x82\x28",
            b"\xf0\x28\x8c\xbc", b"\xf0\x90\x28\xbc", b"\xf8\xa1\xa1\xa1\xa1", b"\xc0\xaf",
            b"\xed\xa0\x80", b"\xf4\x90\x80\x80", b"\xe2\x82",
        ]
        lines = [sequence + b" " + CODE + b" " + sequence for sequence in broken]
        # A sequence cut by the end of the input, and one inside the code itself.
        lines.append(b"oauth_problem=token_\xffrejected")
        status, records, err, _ = findings(["--file", self.write("utf8.log", b"\n".join(lines) + b"\n\xe2\x82")])
        self.assertEqual(status, 0, err)
        self.assertEqual([r["line"] for r in records], list(range(1, len(broken) + 2)))
        for record in records[:-1]:
            self.assertIn("\ufffd", record["text"])
            self.assertEqual(record["fields"]["oauth_problem"], "token_rejected")
        # A code with a broken byte inside is no known code: some OAuth problem, its value shown.
        self.assertEqual(records[-1]["problem"], "oauth_problem_reported")
        self.assertEqual(records[-1]["fields"]["oauth_problem"], "token_\ufffdrejected")

    def test_nul_bytes(self):
        data = (b"\x00" * 1000 + CODE + b"\x00\n" + b"\x00\x00\x00\n"
                + b"oauth_problem=nonce_used\x00oauth_problem=token_used\n" + b"\x00" * 5000)
        status, records, err, _ = findings(["--file", self.write("nul.log", data)])
        self.assertEqual(status, 0, err)
        self.assertEqual([r["line"] for r in records], [1, 3])
        self.assertEqual(records[0]["problem"], "token_rejected")
        self.assertIn(records[1]["problem"], {"nonce_used", "token_used"})
        self.assertTrue(records[0]["text"].startswith("\x00"))
        summary_status, data_summary, _ = summary(self.path("nul.log"))
        self.assertEqual(data_summary["lines"], 4)
        # NUL bytes in text output must not cut or break it either.
        status, out, err, _ = run_measured(["--file", self.path("nul.log")])
        self.assertEqual(status, 0, err)
        self.assertIn(b"token_rejected", out)

    def test_mixed_line_endings(self):
        data = (CODE + b"\r\n" + b"plain\n" + b"oauth_problem=nonce_used\n"
                + b"a\rb oauth_problem=token_used\r\n" + b"\r\n" + b"\n"
                + b"oauth_problem=token_expired\r\r\n" + b"oauth_problem=token_revoked\r")
        status, records, err, _ = findings(["--file", self.write("crlf.log", data)])
        self.assertEqual(status, 0, err)
        self.assertEqual([(r["problem"], r["line"]) for r in records], [
            ("token_rejected", 1), ("nonce_used", 3), ("token_used", 4),
            ("token_expired", 7), ("token_revoked", 8)])
        self.assertEqual(records[0]["text"], CODE.decode(), "CR before LF is not part of the line")
        self.assertEqual(records[2]["text"], "a\rb oauth_problem=token_used", "a lone CR is kept")
        self.assertEqual(records[4]["text"], "oauth_problem=token_revoked", "CR at the very end")
        _, data_summary, _ = summary(self.path("crlf.log"))
        self.assertEqual(data_summary["lines"], 8)


def all_stopped(pid):
    """Whether every thread of `pid` is stopped (by SIGSTOP) or the process has ended."""
    try:
        threads = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return True
    for thread in threads:
        try:
            with open(f"/proc/{pid}/task/{thread}/stat") as stat:
                state = stat.read().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue  # the thread ended
        if state not in ("T", "t", "Z", "X"):
            return False
    return True


class ChangingFiles(HostileTest):
    #: Lines that reach the regular expressions, so that reading takes a while.
    LINE = (b"2024-03-05 14:02:11,287 http-nio-8080-exec-1 WARN a b c d /x [c.a.oauth.Filter] "
            b"error was \"token_rejected\" oauth_problem=token_rejected realm=\"x\"\n")

    def big_log(self, name, megabytes):
        path = self.path(name)
        with open(path, "wb") as handle:
            block = self.LINE * (MIB // len(self.LINE))
            for _ in range(megabytes):
                handle.write(block)
        return path

    def start_and_stop_reading(self, path):
        """Starts lookup on `path` and stops it (SIGSTOP) once it has begun to read. Returns
        (process, midway); midway when, stopped, it had read part of the file and not yet its
        last line, so that what the caller does to the file now happens while it is read, on
        any machine under any load. The caller changes the file, then continues the process
        (SIGCONT). `--jobs 2` bounds what lookup reads ahead of its jobs to four blocks of
        1 MiB, less than the file, whatever the number of cores."""
        process = subprocess.Popen([LOOKUP, "--jobs", "2", "--summary", "--json", "--file", path],
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self.addCleanup(lambda: process.poll() is None and (process.kill(), process.wait()))
        real, size = os.path.realpath(path), os.path.getsize(path)
        kbtest.wait_for(lambda: process.poll() is not None or (kbtest.descriptor_offset(process.pid, real) or 0) > 0,
                        f"lookup to start reading {path}", interval=0.001)
        process.send_signal(signal.SIGSTOP)
        kbtest.wait_for(lambda: all_stopped(process.pid), "lookup to stop")
        position = kbtest.descriptor_offset(process.pid, real)
        return process, position is not None and 0 < position <= size - len(self.LINE)

    def test_file_deleted_while_read(self):
        path = self.big_log("deleted.log", 8)
        lines = os.path.getsize(path) // len(self.LINE)
        process, midway = self.start_and_stop_reading(path)
        os.unlink(path)
        process.send_signal(signal.SIGCONT)
        out, err = process.communicate(timeout=kbtest.HANG_SECONDS)
        self.assertEqual(process.returncode, 0, err)
        data = json.loads(out)
        # An open file outlives its name: everything is read.
        self.assertEqual(data["lines"], lines)
        if not midway:
            print("note: lookup finished before the file was deleted", file=sys.stderr)

    def test_file_truncated_while_read(self):
        path = self.big_log("truncated.log", 8)
        lines = os.path.getsize(path) // len(self.LINE)
        process, midway = self.start_and_stop_reading(path)
        os.truncate(path, 0)
        process.send_signal(signal.SIGCONT)
        out, err = process.communicate(timeout=kbtest.HANG_SECONDS)
        self.assertIn(process.returncode, (0, 1, 2), err)
        if process.returncode == 2:
            self.assertTrue(err.startswith(b"lookup: "), err)
        else:
            data = json.loads(out)
            self.assertLessEqual(data["lines"], lines)
            if midway:
                # Stopped before its last line and truncated then: it cannot read that line.
                self.assertLess(data["lines"], lines, "reading stopped at the new end")
        if not midway:
            print("note: lookup finished before the file was truncated", file=sys.stderr)

    def test_file_truncated_mid_line_then_grown(self):
        # Truncated to the middle of a line and written again: no crash, whatever is read.
        path = self.big_log("regrown.log", 8)
        process, _ = self.start_and_stop_reading(path)
        with open(path, "r+b") as handle:
            handle.truncate(len(self.LINE) * 3 + 10)
            handle.seek(0, os.SEEK_END)
            handle.write(b"\x00" * 100 + b"\n" + CODE + b"\n")
        process.send_signal(signal.SIGCONT)
        out, err = process.communicate(timeout=kbtest.HANG_SECONDS)
        self.assertIn(process.returncode, (0, 1), err)
        json.loads(out)


class NotAFile(HostileTest):
    def test_directory(self):
        # A folder is walked now; its FIFOs and devices are passed over, never opened.
        os.mkfifo(self.path("fifo.log"))
        os.symlink("/dev/zero", self.path("zero.log"))
        status, out, err, _ = run_measured(["--verbose", "--file", self.folder.name])
        self.assertEqual(status, 1, err)
        self.assertIn(b"fifo.log: skipped, not a regular file", err)
        self.assertIn(b"zero.log: skipped, not a regular file", err)

    def test_directory_as_rules(self):
        status, out, err, _ = run_measured(["--rules", self.folder.name, "oauth_problem=token_rejected"])
        self.assertEqual(status, 2)
        self.assertTrue(err.startswith(b"lookup: " + self.folder.name.encode()), err)

    def test_empty_and_dev_null(self):
        for path in ["/dev/null", self.write("empty.log", b"")]:
            status, data, _ = summary(path)
            self.assertEqual(status, 1)
            self.assertEqual((data["lines"], data["bytes"]), (0, 0))

    def test_fifo_with_a_slow_writer(self):
        path = self.path("fifo")
        os.mkfifo(path)
        lines = [b"nothing", CODE, b"plain", b"oauth_problem=nonce_used"] * 50

        def writer():
            with open(path, "wb", buffering=0) as handle:
                for index, line in enumerate(lines):
                    # Lines cut across writes, as a pipe delivers them.
                    data = line + b"\n"
                    handle.write(data[:3])
                    if index % 20 == 0:
                        time.sleep(0.01)
                    handle.write(data[3:])

        thread = threading.Thread(target=writer)
        thread.start()
        status, records, err, _ = findings(["--file", path])
        thread.join()
        self.assertEqual(status, 0, err)
        self.assertEqual(len(records), 100)
        self.assertEqual(records[0]["line"], 2)
        self.assertEqual(records[-1]["line"], 200)

    def test_fifo_closed_without_data(self):
        path = self.path("fifo")
        os.mkfifo(path)

        def writer():
            with open(path, "wb"):
                pass

        thread = threading.Thread(target=writer)
        thread.start()
        status, data, _ = summary(path)
        thread.join()
        self.assertEqual(status, 1)
        self.assertEqual(data["lines"], 0)

    def test_stdin_pipe_in_small_pieces(self):
        read_end, write_end = os.pipe()

        def writer():
            with os.fdopen(write_end, "wb", buffering=0) as handle:
                for _ in range(200):
                    for piece in (b"oauth_prob", b"lem=token_rej", b"ected\r", b"\nx\n"):
                        handle.write(piece)

        thread = threading.Thread(target=writer)
        thread.start()
        with os.fdopen(read_end, "rb") as stdin:
            status, records, err, _ = findings([], stdin=stdin)
        thread.join()
        self.assertEqual(status, 0, err)
        self.assertEqual(len(records), 200)
        self.assertEqual({r["text"] for r in records}, {CODE.decode()})

    def test_missing_and_dangling(self):
        os.symlink(self.path("nowhere"), self.path("dangling"))
        os.symlink(self.path("loop"), self.path("loop"))
        for name in ["nowhere", "dangling", "loop"]:
            status, _, err, _ = run_measured(["--file", self.path(name)])
            self.assertEqual(status, 2, name)
            self.assertIn(self.path(name).encode(), err)


if __name__ == "__main__":
    kbtest.run_and_report()
