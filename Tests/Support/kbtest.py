"""What the Python tests share: the repository's paths, the published test vectors, running
`lookup`, waiting for something to happen, and the closing line CI reads (`N passed, M failed`).

No outcome may depend on timing or load: a test waits for the event itself (a line printed, a
file opened, a process ended), never for a fixed time, and its deadlines (HANG_SECONDS) only end
a run that hangs.

Import it after putting Tests/Support on sys.path:

    sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "Support"))
    import kbtest
"""
import json
import os
import subprocess
import sys
import tempfile
import time
import unittest

sys.dont_write_bytecode = True  # keep the test folders free of __pycache__

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SITE = os.path.join(ROOT, "Site")
VECTORS = os.path.join(SITE, "rules-tests.json")
SUMMARY_VECTORS = os.path.join(SITE, "summary-tests.json")
CORPUS = os.path.join(ROOT, "Tests", "Corpus", "real-lines.jsonl")

#: How long a test waits for one thing that must happen (a run to end, a line to be printed, a
#: file to be opened) before it calls it hung. Only a hang reaches it: it is far above what any
#: step takes on a loaded machine, so it never decides whether a working build passes.
HANG_SECONDS = 600


def edit(path, old, new):
    """Replaces the first `old` in the file at `path` with `new`; fails, naming the file, when the
    file no longer holds `old` (the test then needs updating, not the file)."""
    with open(path, encoding="utf-8") as handle:
        text = handle.read()
    if old not in text:
        raise AssertionError(f"{path} no longer contains {old!r}; update this test")
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text.replace(old, new, 1))


def lookup_binary():
    """$LOOKUP, or the debug build's lookup, as an absolute path."""
    return os.path.abspath(os.environ.get("LOOKUP", os.path.join(ROOT, ".build", "debug", "lookup")))


def load_json(path):
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


def load_vectors(path=VECTORS):
    """Site/rules-tests.json: {"cases", "refusals", "accepted", ...}."""
    return load_json(path)


def load_summary_vectors(path=SUMMARY_VECTORS):
    """Site/summary-tests.json: {"summary_max_links", "cases": [{"findings", "problems"}], ...}."""
    return load_json(path)


def summary_key(problems, keys=("problem", "count", "first", "last", "example", "links", "other_links")):
    """What every engine that summarises must agree on: the problems of a summary (as
    summary.schema.json has them) in order, with `keys` of each (title and category come from
    the rule set, not from the summary's arithmetic)."""
    return [json.dumps({k: p[k] for k in keys if k in p}, sort_keys=True, ensure_ascii=False)
            for p in problems]


def example_lines(vectors=None):
    """[(problem id, line)] for every example line of the catalogue, from the vectors."""
    vectors = vectors or load_vectors()
    return [(case["findings"][0]["problem"], case["text"])
            for case in vectors["cases"] if case["kind"] == "example"]


def corpus_lines(path=CORPUS):
    """The corpus of real lines: [{"expect", "line", "source", ...}]."""
    with open(path, encoding="utf-8") as handle:
        return [json.loads(raw) for raw in handle if raw.strip()]


def finding_key(finding):
    """What every engine must agree on for one finding."""
    return (finding["line"], finding["problem"], finding["rule"], finding["basis"],
            json.dumps(finding["fields"], sort_keys=True))


def run_lookup(*args, stdin=None, timeout=HANG_SECONDS, check=True):
    """Runs lookup; with check, fails unless it exits with 0 or 1."""
    binary = lookup_binary()
    if not os.path.isfile(binary):
        raise AssertionError(
            "no lookup binary at %s: build it (swift build --product lookup) or set LOOKUP" % binary)
    result = subprocess.run([binary, *args], input=stdin, capture_output=True, timeout=timeout)
    if check and result.returncode not in (0, 1):
        raise AssertionError("lookup %s exited with %d: %s" % (
            " ".join(args), result.returncode, result.stderr.decode("utf-8", "replace")))
    return result


def run_measured(command, stdin=None, timeout=HANG_SECONDS, **options):
    """Runs `command`; returns (status, stdout, stderr, peak resident size in KiB) of that one
    process (os.wait4 reports its own rusage, not the sum of all children). Fails when it takes
    longer than `timeout` seconds (a hang)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        process = subprocess.Popen(command, stdin=stdin if stdin is not None else subprocess.DEVNULL,
                                   stdout=out, stderr=err, **options)
        deadline = time.monotonic() + timeout
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() > deadline:
                process.kill()
                os.wait4(process.pid, 0)
                raise AssertionError("%s took more than %d s: hung" % (" ".join(command), timeout))
            time.sleep(0.01)
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return process.returncode, out.read(), err.read(), usage.ru_maxrss


def wait_for(condition, what, timeout=HANG_SECONDS, interval=0.01):
    """Calls `condition()` until it returns something true, and returns that. Fails, naming
    `what`, when `timeout` seconds pass first: the deadline only ends a hang."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError("waited %d s for %s: hung" % (timeout, what))
        time.sleep(interval)


def descriptor_offset(pid, path):
    """The file offset of process `pid`'s descriptor open on `path` (what it has read so far,
    from /proc/PID/fdinfo), or None when it has none open there (or has ended)."""
    try:
        descriptors = os.listdir("/proc/%d/fd" % pid)
    except OSError:
        return None
    for descriptor in descriptors:
        try:
            if os.readlink("/proc/%d/fd/%s" % (pid, descriptor)) in (path, path + " (deleted)"):
                with open("/proc/%d/fdinfo/%s" % (pid, descriptor)) as info:
                    for line in info:
                        if line.startswith("pos:"):
                            return int(line.split()[1])
        except OSError:
            continue
    return None


def lookup_findings(path, rules=None):
    """lookup --json's findings for a file, as parsed objects."""
    args = ["--json", "--file", path] + (["--rules", rules] if rules else [])
    return [json.loads(raw) for raw in run_lookup(*args).stdout.splitlines()]


class CountingResult(unittest.TextTestResult):
    """Counts passed checks: each passing subtest, and each passing test."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.passed = 0

    def addSuccess(self, test):
        super().addSuccess(test)
        self.passed += 1

    def addSubTest(self, test, subtest, outcome):
        super().addSubTest(test, subtest, outcome)
        if outcome is None:
            self.passed += 1


def run_and_report(argv=None, verbosity=1, before_closing=None):
    """Runs the calling module's tests and ends with `N passed, M failed`; exits non-zero on a
    failure or when no test ran. `before_closing()` may print a line before the closing one."""
    runner = unittest.TextTestRunner(stream=sys.stdout, verbosity=verbosity, resultclass=CountingResult)
    argv = [sys.argv[0]] + list(sys.argv[1:] if argv is None else argv)
    program = unittest.main(module="__main__", argv=argv, testRunner=runner, exit=False)
    result = program.result
    failed = len(result.failures) + len(result.errors) + len(result.unexpectedSuccesses)
    if before_closing:
        before_closing()
    skipped = len(result.skipped)
    print("%d passed, %d failed" % (result.passed, failed) + (", %d skipped" % skipped if skipped else ""))
    sys.exit(1 if failed or result.testsRun == 0 else 0)
