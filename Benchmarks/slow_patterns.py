"""Slow patterns: times every rule, extractor and layout of a rule set on adversarial lines.

For each pattern it builds lines meant to make a backtracking engine work hard: the pattern's
prefixes repeated (so that each place where a match could start runs on to the end of the line),
a prefix followed by a long run of what the next part of the pattern accepts, near-misses (a
full match less its last character) repeated, and the rule's literals repeated. The literals
that make `lookup` run the pattern are added at the end of each line, so the expression reads the
whole line before it finds them.

Each pattern is timed with `lookup --rules ONE.json --summary --json` (the scan time it reports,
without start-up) on the same bytes cut into 1 MiB lines and into 64 KiB lines, minus a baseline
where the pattern is replaced by its bare literal. A linear pattern takes the same time for both
(per line: x16 for 16 times the length); a quadratic one takes 16 times longer on 1 MiB lines.

    python3 Benchmarks/slow_patterns.py                 # every pattern, 1 MiB and 64 KiB lines
    python3 Benchmarks/slow_patterns.py --only ssl_     # patterns whose id contains ssl_
    python3 Benchmarks/slow_patterns.py --guard         # quick check for make test (see below)

Environment: LOOKUP (default .build/release/lookup, else .build/debug/lookup), RULES (default
Site/rules.json). Exit status 1 when a rule takes more than --limit-ms (default 10) on one
1 MiB line, or any pattern grows faster than linearly (more than x4 per byte from 64 KiB to
1 MiB lines). Extractors and layouts over the limit are reported without failing.

--guard is the variant `make test` runs: one pattern of each shape (the rules of the various
oauth_problem codes differ only by the code), 32 KiB against 2 KiB lines, no baseline. Its
verdict must not depend on the machine's load, so it measures work, not time taken:
  * the CPU time of each lookup run (user and system, from wait4), not the wall-clock time it
    reports: a run that waits for a core does not count the wait; `--jobs 1`, so that the CPU
    time is the scan's and not that of threads waiting on each other; a private cache folder;
  * minus the start-up, the least CPU time of three runs on an empty file, once per kind;
  * the 32 KiB lines run twice and the least time kept (the first run also builds the cached
    literal database); every pattern gets the same runs, whatever it shows: none is measured
    again because it failed;
  * it fails only on a clear superlinear growth: x4 per byte (a per-line ratio of x64 where x16
    is linear; each time counted from 50 ms more, so that a few ms of noise on a cheap pattern
    are no growth) that also costs at least 100 ms more CPU on the 32 KiB lines. A linear
    pattern shows about x1; a load that slows a run slows both sizes;
  * a run is stopped at 120 s of CPU time (RLIMIT_CPU; a pattern that needs that much fails),
    and at 600 s of wall-clock time only as a hang.
How long a pattern takes in absolute terms depends on the machine and the build: that is
`make bench-patterns`' job (release build, --limit-ms), not the guard's.
"""
import argparse
import json
import os
import re
import resource
import signal
import subprocess
import sys
import tempfile
import threading
import time

try:
    import re._parser as sre_parse  # Python 3.11 and later
    from re._constants import (
        ANY,
        ASSERT,
        ASSERT_NOT,
        AT,
        BRANCH,
        CATEGORY,
        IN,
        LITERAL,
        MAX_REPEAT,
        MIN_REPEAT,
        NEGATE,
        NOT_LITERAL,
        RANGE,
        SUBPATTERN,
    )
except ImportError:  # pragma: no cover - older Python
    import sre_parse
    from sre_constants import (
        ANY,
        ASSERT,
        ASSERT_NOT,
        AT,
        BRANCH,
        CATEGORY,
        IN,
        LITERAL,
        MAX_REPEAT,
        MIN_REPEAT,
        NEGATE,
        NOT_LITERAL,
        RANGE,
        SUBPATTERN,
    )

MIB = 1 << 20
#: Characters tried, in order, when a class or a negated literal must be satisfied.
PREFERRED = "xa0Z. -_/:=<>\"'[](){}&;,@#%+*!?|\\"


def lookup_binary():
    if os.environ.get("LOOKUP"):
        return os.environ["LOOKUP"]
    for candidate in [".build/release/lookup", ".build/debug/lookup"]:
        if os.path.exists(candidate):
            return candidate
    sys.exit("no lookup binary: build one (swift build -c release) or set LOOKUP")


# --- adversarial lines --------------------------------------------------------------------------


def accepts(items, char):
    """Whether a character class (the list inside IN) accepts `char`."""
    code = ord(char)
    negate = False
    hit = False
    for op, av in items:
        if op is NEGATE:
            negate = True
        elif op is LITERAL and av == code:
            hit = True
        elif op is RANGE and av[0] <= code <= av[1]:
            hit = True
        elif op is CATEGORY:
            hit = hit or re.match(r"[%s]" % {
                "CATEGORY_DIGIT": r"0-9", "CATEGORY_SPACE": r" \t",
                "CATEGORY_WORD": r"A-Za-z0-9_",
            }.get(str(av), "x"), char) is not None
    return hit != negate


def class_char(items):
    for char in PREFERRED + "".join(map(chr, range(33, 127))):
        if accepts(items, char):
            return char
    return "x"


class Sample:
    """A string the pattern matches, as pieces in pattern order, each with the character that
    the element producing it accepts (None for pieces that come from a fixed literal)."""

    def __init__(self):
        self.pieces = []  # (text, accepted character or None, inside a repeat)

    def text(self, upto=None):
        return "".join(piece for piece, _, _ in self.pieces[:upto])


def build(nodes, sample, repeated=False):
    for op, av in nodes:
        if op is LITERAL:
            sample.pieces.append((chr(av), None, repeated))
        elif op is NOT_LITERAL:
            char = next(c for c in PREFERRED if ord(c) != av)
            sample.pieces.append((char, char, repeated))
        elif op is IN:
            char = class_char(av)
            sample.pieces.append((char, char, repeated))
        elif op is ANY:
            sample.pieces.append(("x", "x", repeated))
        elif op is CATEGORY:
            char = class_char([(CATEGORY, av)])
            sample.pieces.append((char, char, repeated))
        elif op in (MAX_REPEAT, MIN_REPEAT):
            low, high, sub = av
            count = min(max(low, 1), high)
            for _ in range(count):
                build(sub, sample, repeated or high > 1)
        elif op is SUBPATTERN:
            build(av[-1], sample, repeated)
        elif op is BRANCH:
            build(av[1][0], sample, repeated)
        elif op in (AT, ASSERT, ASSERT_NOT):
            continue
        else:  # group references and the like are outside the portable subset
            continue


def cut_points(sample):
    """Where to cut the sample: after each run of fixed text and after each variable piece."""
    points = []
    for index, (_, accepted, _) in enumerate(sample.pieces):
        following = sample.pieces[index + 1][1] if index + 1 < len(sample.pieces) else "end"
        if accepted is not None or following is not None:
            points.append(index + 1)
    return points


def fill(unit, size):
    if not unit:
        return ""
    return (unit * (size // len(unit) + 1))[:size]


def adversarial_units(pattern, literals):
    """(repeated unit, run character) pairs: each line is the unit repeated, or the unit once
    followed by a run of the character."""
    sample = Sample()
    build(sre_parse.parse(pattern), sample)
    full = sample.text()
    units = []
    for point in cut_points(sample):
        prefix = sample.text(point)
        units.append((prefix, None))
        _, accepted, _ = sample.pieces[point - 1]
        if accepted is not None:
            units.append((prefix, accepted))
            # Text that the following fixed part starts with, over and over (e.g. "a.a.a.").
            if point < len(sample.pieces):
                units.append((prefix, accepted + sample.pieces[point][0]))
    if len(full) > 1:
        units.append((full[:-1], None))
        units.append((full[:-1] + ("#" if full[-1] != "#" else "%"), None))
    for literal in literals:
        units.append((literal, None))
        units.append((literal + " ", None))
    for _, accepted, _ in sample.pieces:
        if accepted is not None:
            units.append(("", accepted))
    seen = set()
    unique = []
    for unit in units:
        if unit not in seen and (unit[0] or unit[1]):
            seen.add(unit)
            unique.append(unit)
    return unique


def line_of(unit, run, size, trailer):
    """A line of `size` bytes (without the line feed) ending with `trailer`."""
    body_size = size - len(trailer.encode())
    if run is None:
        body = fill(unit, body_size)
    else:
        body = unit + fill(run, body_size - len(unit))
    return (body + trailer).encode()[:size]


# --- rule sets with one pattern -----------------------------------------------------------------


def escaped_literal(literal):
    return "".join("\\" + c if c in ".^$*+?()[]{}|\\/-" else c for c in literal)


class Item:
    def __init__(self, kind, ident, pattern, rules, baseline, trailer, literals):
        self.kind, self.id, self.pattern = kind, ident, pattern
        self.rules, self.baseline, self.trailer, self.literals = rules, baseline, trailer, literals


def items_of(full, only=None):
    """One Item per rule, extractor and layout: the rule set to time and its baseline."""
    items = []
    base = {k: v for k, v in full.items() if k not in ("rules", "extractors", "layouts")}
    # A rule that captures nothing and has one plain literal triggers extractors and layouts.
    trigger = next(
        r for r in full["rules"]
        if not r["captures"] and len(r["literals"]) == 1 and r["pattern"] == r["literals"][0]
    )
    for rule in full["rules"]:
        plain = dict(rule, pattern=escaped_literal(rule["literals"][0]), captures=[])
        items.append(Item(
            "rule", rule["id"], rule["pattern"],
            dict(base, rules=[rule], extractors=full["extractors"], layouts=full["layouts"]),
            dict(base, rules=[plain], extractors=full["extractors"], layouts=full["layouts"]),
            " " + " ".join(rule["literals"]), rule["literals"]))
    for index, extractor in enumerate(full["extractors"]):
        literals = [extractor["literal"]] if extractor["literal"] else []
        items.append(Item(
            "extractor", f"{extractor['field']}#{index}", extractor["pattern"],
            dict(base, rules=[trigger], extractors=[extractor], layouts=[]),
            dict(base, rules=[trigger], extractors=[], layouts=[]),
            " " + " ".join(literals + [trigger["literals"][0]]), literals))
    for layout in full["layouts"]:
        items.append(Item(
            "layout", layout["id"], layout["pattern"],
            dict(base, rules=[trigger], extractors=[], layouts=[layout]),
            dict(base, rules=[trigger], extractors=[], layouts=[]),
            " " + trigger["literals"][0], []))
    if only:
        items = [item for item in items if only in f"{item.kind}:{item.id}"]
    return items


def distinct_shapes(items):
    """One item per pattern shape: patterns equal once their literals are taken out (the rules
    of each oauth_problem code differ only by the code)."""
    seen = set()
    kept = []
    for item in items:
        shape = item.pattern
        for literal in sorted(item.literals, key=len, reverse=True):
            shape = shape.replace(literal, "\0")
        if (item.kind, shape) not in seen:
            seen.add((item.kind, shape))
            kept.append(item)
    return kept


# --- timing -------------------------------------------------------------------------------------


#: --guard: CPU seconds one lookup run may use (RLIMIT_CPU), and wall-clock seconds before a
#: run is called hung.
GUARD_CPU_SECONDS = 120
GUARD_HANG_SECONDS = 600
#: --guard: milliseconds added to both sizes' CPU time before their ratio is taken.
GUARD_FLOOR_MS = 50


class Timer:
    def __init__(self, lookup, folder, timeout, cpu=False):
        """`cpu`: measure each run's CPU time instead of the scan time lookup reports."""
        self.lookup, self.folder, self.timeout, self.cpu = lookup, folder, timeout, cpu
        self.count = 0
        self.startups = {}

    def write_rules(self, rules):
        self.count += 1
        path = os.path.join(self.folder, f"rules-{self.count}.json")
        with open(path, "w", encoding="utf-8") as handle:
            json.dump(rules, handle)
        return path

    def scan_ms(self, rules_path, log_path, repeat):
        """The scan time `lookup` reports, best of `repeat` runs, in milliseconds; raises
        TimeoutError when a run takes longer than `self.timeout` seconds. With `cpu`, the CPU
        time of the whole run instead."""
        best = None
        for _ in range(repeat):
            if self.cpu:
                elapsed = self.cpu_ms(rules_path, log_path)
                best = elapsed if best is None else min(best, elapsed)
                continue
            try:
                result = subprocess.run(
                    [self.lookup, "--rules", rules_path, "--summary", "--json", "--file", log_path],
                    capture_output=True, timeout=self.timeout)
            except subprocess.TimeoutExpired:
                raise TimeoutError(f"lookup took more than {self.timeout} s") from None
            if result.returncode not in (0, 1):
                raise RuntimeError(f"lookup failed ({result.returncode}): {result.stderr.decode()}")
            elapsed = json.loads(result.stdout)["milliseconds"]
            best = elapsed if best is None else min(best, elapsed)
        return best

    def cpu_ms(self, rules_path, log_path):
        """CPU milliseconds (user and system) of one `lookup --jobs 1` run, with the cache of
        literal databases in the work folder. Raises TimeoutError past GUARD_CPU_SECONDS of CPU
        time, or past `self.timeout` seconds of wall-clock time (a hang)."""
        command = [self.lookup, "--jobs", "1", "--rules", rules_path, "--summary", "--json",
                   "--file", log_path]
        environment = dict(os.environ, XDG_CACHE_HOME=os.path.join(self.folder, "cache"))

        def limit_cpu():
            resource.setrlimit(resource.RLIMIT_CPU, (GUARD_CPU_SECONDS, GUARD_CPU_SECONDS + 5))

        with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
            process = subprocess.Popen(command, stdout=out, stderr=err, env=environment,
                                       preexec_fn=limit_cpu)
            hung = threading.Timer(self.timeout, process.kill)
            hung.start()
            try:
                _, status, usage = os.wait4(process.pid, 0)
            finally:
                hung.cancel()
            process.returncode = os.waitstatus_to_exitcode(status)
            if process.returncode == -signal.SIGXCPU:
                raise TimeoutError(f"lookup used more than {GUARD_CPU_SECONDS} s of CPU time")
            if process.returncode == -signal.SIGKILL:
                raise TimeoutError(f"lookup ran more than {self.timeout:g} s: hung")
            if process.returncode not in (0, 1):
                err.seek(0)
                raise RuntimeError(f"lookup failed ({process.returncode}): {err.read().decode()}")
        return (usage.ru_utime + usage.ru_stime) * 1000

    def startup_ms(self, kind, rules_path):
        """CPU milliseconds of a run on an empty file (start-up and reading the rules), the least
        of three, once per kind of pattern."""
        if kind not in self.startups:
            empty = os.path.join(self.folder, "empty.log")
            open(empty, "wb").close()
            self.startups[kind] = min(self.cpu_ms(rules_path, empty) for _ in range(3))
        return self.startups[kind]


def write_log(path, lines):
    with open(path, "wb") as handle:
        for line in lines:
            handle.write(line)
            handle.write(b"\n")


class Measurement:
    """One pattern timed on its adversarial lines at two sizes (same bytes in all)."""

    def __init__(self, item, timer, big, small, repeat):
        self.item, self.timer, self.big, self.small, self.repeat = item, timer, big, small, repeat
        self.units = adversarial_units(item.pattern, item.literals)
        self.rules_path = timer.write_rules(item.rules)
        self.base_path = timer.write_rules(item.baseline)
        self.raw = {}
        self.slowest = None
        self.each = []
        self.error = None

    def cost(self, lines, name, repeat=None):
        """Scan time of `lines` with the pattern and with the baseline, in ms (the guard skips
        the baseline: it compares CPU times less the start-up)."""
        path = os.path.join(self.timer.folder, name)
        write_log(path, lines)
        with_pattern = self.timer.scan_ms(self.rules_path, path, repeat or self.repeat)
        if self.timer.guard:
            return max(0.0, with_pattern - self.timer.startup_ms(self.item.kind, self.rules_path)), 0
        baseline = self.timer.scan_ms(self.base_path, path, self.repeat)
        return with_pattern, baseline

    def run(self):
        factor = self.big // self.small
        trailer = self.item.trailer
        small_lines = [line_of(u, r, self.small - 1, trailer) for u, r in self.units]
        big_lines = [line_of(u, r, self.big - 1, trailer) for u, r in self.units]
        try:
            if self.timer.guard:
                # The big lines twice, the least kept (the first run also builds the cached
                # literal database); the same for every pattern.
                self.raw["small"] = self.cost(
                    [line for line in small_lines for _ in range(factor)], "small.log")
                self.raw["big"] = self.cost(big_lines, "big.log", repeat=2)
            else:
                # The small lines first: a quadratic pattern shows there without waiting minutes.
                self.raw["small"] = self.cost(
                    [line for line in small_lines for _ in range(factor)], "small.log")
                self.raw["big"] = self.cost(big_lines, "big.log")
        except TimeoutError as error:
            self.error = str(error)
            return self
        if self.big_ms > self.timer.limit_ms or self.timer.each_line:
            # All lines together are over the limit: time each line alone for the worst,
            # repeated so that the scan is long enough to measure (more copies when measuring CPU
            # time: each run's start-up varies by a few ms, shared by the copies).
            copies = 16 if self.timer.cpu else 4
            self.each = []
            for line, unit in zip(big_lines, self.units):
                with_pattern, baseline = self.cost([line] * copies, "one.log")
                ms = max(0, with_pattern - baseline) / copies
                self.each.append((ms, unit))
                if self.slowest is None or ms > self.slowest[0]:
                    self.slowest = (ms, unit)
        return self

    @property
    def big_ms(self):
        """Cost of all the big lines together (one of each)."""
        with_pattern, baseline = self.raw["big"]
        return max(0, with_pattern - baseline)

    @property
    def small_ms(self):
        """Cost of the small lines, per set of one line of each kind."""
        with_pattern, baseline = self.raw["small"]
        return max(0, with_pattern - baseline) / (self.big // self.small)

    @property
    def growth(self):
        """Time per byte on big lines over time per byte on small lines: 1 when linear."""
        floor = GUARD_FLOOR_MS if self.timer.guard else 1
        return (self.raw["big"][0] + floor) / (self.raw["small"][0] + floor)

    def verdict(self):
        if self.error:
            return f"TIMEOUT ({self.error})"
        marks = []
        if self.growth > 4 and self.raw["big"][0] - self.raw["small"][0] >= 100:
            marks.append(f"SUPERLINEAR (x{self.growth:.0f} per byte)")
        if self.slowest and self.slowest[0] > self.timer.limit_ms and self.item.kind == "rule":
            marks.append(f"SLOW ({self.slowest[0]:.1f} ms on one line)")
        return "  ".join(marks)

    def note(self):
        """Extractors and layouts over the limit are reported, not failed: the limit is the
        issue's for rules, and both run only on lines that a rule matched."""
        if self.slowest and self.slowest[0] > self.timer.limit_ms and self.item.kind != "rule":
            return f"over {self.timer.limit_ms:g} ms ({self.slowest[0]:.1f} ms on one line)"
        return ""

    def as_json(self):
        return {
            "kind": self.item.kind, "id": self.item.id, "pattern": self.item.pattern,
            "lines": len(self.units), "raw_ms": self.raw, "error": self.error,
            "big_ms_all_lines": None if self.error else self.big_ms,
            "small_ms_per_set": None if self.error else self.small_ms,
            "slowest_line": None if not self.slowest else {
                "ms": self.slowest[0], "unit": self.slowest[1][0][:120],
                "run": self.slowest[1][1]},
            "verdict": self.verdict(),
        }


def size_label(size):
    return f"{size // MIB} MiB" if size >= MIB else f"{size // 1024} KiB"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--only", help="only patterns whose 'kind:id' contains this text")
    parser.add_argument("--guard", action="store_true",
                        help="quick superlinearity check: 32 KiB against 2 KiB lines, CPU time")
    parser.add_argument("--limit-ms", type=float, default=10.0,
                        help="most a pattern may take on one 1 MiB line (default 10)")
    parser.add_argument("--repeat", type=int, default=2, help="runs per measurement (best kept)")
    parser.add_argument("--timeout", type=float, default=120,
                        help="seconds one lookup run may take before the pattern fails")
    parser.add_argument("--each-line", action="store_true",
                        help="time and print every adversarial line on its own")
    parser.add_argument("--json", help="write the results to this file")
    parser.add_argument("--cpu", action="store_true",
                        help="measure each run's CPU time (--jobs 1), not the scan time lookup "
                             "reports: steadier on a busy machine")
    arguments = parser.parse_args()

    lookup = lookup_binary()
    with open(os.environ.get("RULES", "Site/rules.json"), encoding="utf-8") as handle:
        full = json.load(handle)
    items = items_of(full, arguments.only)
    if arguments.guard:
        items = distinct_shapes(items)
        big, small, repeat = 32 * 1024, 2 * 1024, 1
    else:
        big, small, repeat = MIB, 64 * 1024, arguments.repeat
    print(f"{len(items)} patterns; lookup {lookup}")
    if arguments.guard:
        print("ms of CPU time less the start-up, --jobs 1 (a measure of work that load does not change)")
    elif arguments.cpu:
        print("ms of CPU time, --jobs 1, less that of the same run with the bare literal")
    print(f"ms for one adversarial line of each kind: {size_label(big)} lines, and "
          f"{size_label(small)} lines (same bytes, x{big // small} as many lines); "
          f"ratio = per-line time {size_label(big)} / {size_label(small)}, x{big // small} is linear")
    print(f"{'pattern':52} {'lines':>5} {size_label(big):>9} {size_label(small):>9} {'ratio':>6}")
    started = time.perf_counter()
    results = []
    with tempfile.TemporaryDirectory(prefix="slow-patterns-") as folder:
        timer = Timer(lookup, folder, GUARD_HANG_SECONDS if arguments.guard else arguments.timeout,
                      cpu=arguments.guard or arguments.cpu)
        timer.limit_ms = arguments.limit_ms if not arguments.guard else float("inf")
        timer.each_line = arguments.each_line and not arguments.guard
        timer.guard = arguments.guard
        for item in items:
            measurement = Measurement(item, timer, big, small, repeat).run()
            results.append(measurement)
            name = f"{item.kind}:{item.id}"
            if measurement.error:
                print(f"{name:52.52} {len(measurement.units):5d}  {measurement.verdict()}",
                      flush=True)
                continue
            per_line = ""
            if measurement.small_ms >= 0.5:
                per_line = f"{measurement.big_ms / measurement.small_ms:6.1f}"
            slowest = ""
            if measurement.slowest:
                slowest = f"  (slowest line {measurement.slowest[0]:.1f} ms)"
            verdict = measurement.verdict() or measurement.note()
            print(f"{name:52.52} {len(measurement.units):5d} {measurement.big_ms:7.1f}ms "
                  f"{measurement.small_ms:7.1f}ms {per_line:>6}{slowest}"
                  + (f"  {verdict}" if verdict else ""), flush=True)
            if arguments.each_line:
                for ms, (unit, run) in measurement.each:
                    print(f"    {ms:7.1f}ms  {unit[:60]!r} then {run!r}")
    failures = [m for m in results if m.verdict()]
    done = [m for m in results if not m.error]
    print(f"{len(results)} patterns timed in {time.perf_counter() - started:.0f} s")
    if done and not arguments.guard:
        def worst(m):
            return m.slowest[0] if m.slowest else m.big_ms
        slowest = max(done, key=worst)
        print(f"slowest on a {size_label(big)} line: {slowest.item.kind}:{slowest.item.id}, "
              f"at most {worst(slowest):.1f} ms (limit {arguments.limit_ms:g} ms)")
    if arguments.json:
        with open(arguments.json, "w", encoding="utf-8") as handle:
            json.dump({"big": big, "small": small, "limit_ms": arguments.limit_ms,
                       "results": [m.as_json() for m in results]}, handle, indent=1)
    for measurement in failures:
        item = measurement.item
        print(f"FAIL {item.kind} {item.id}: {measurement.verdict()}\n     pattern {item.pattern}")
        if measurement.slowest:
            print(f"     slowest line: {measurement.slowest[1][0][:80]!r} "
                  f"run {measurement.slowest[1][1]!r}")
    print(f"{len(results) - len(failures)} passed, {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
