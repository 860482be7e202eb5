#!/usr/bin/env python3
"""AppLinksKB's `lookup` run by Apache Spark over logs from many nodes: Spark distributes the
files, `lookup` explains them.

    spark-submit [--master URL] [--archives applinkskb.tar.gz#applinkskb] \
        Integrations/spark/lookup_spark.py --out OUT INPUT...

Each INPUT is a file, a folder (walked as `lookup` walks one: files named like logs and
archives, rotated sets oldest first) or a glob, on any file system Spark reads. The driver lists
them through Hadoop's FileSystem and gives each task whole files; a large plain file is cut at
line feeds into splits of --split-bytes (a compressed file or an archive stays whole). A task
streams each file or split to `lookup --json --totals --jobs 1 --source NAME` on the executor
and collects its JSON Lines, so archives, support zips, rotated sets and damaged inputs behave
as in `lookup`: it is `lookup`.

A split starts at a line start. `lookup --lead BYTES` is given the lines before it first (a
lead, 64 KiB to start with), read only for the entry that the split's first lines continue;
when `lookup` answers that a finding's entry may have begun before the lead, the split is read
again with a lead 16 times longer, up to the file's start. Line numbers are those of the whole
file: a first pass counts the line feeds of each split, and `lookup --first-line` numbers a
split's lines after those of the splits before it.

One partition per task, in input order: the tasks yield lookup's JSON Lines as they are, in
blocks, to saveAsTextFile, so part file i holds task i's findings; each run's summary (the
`{"totals": ...}` line of `lookup --totals`) goes to an accumulator, and the driver merges them.

The job writes OUT/findings/ (JSON Lines part files, the objects of `lookup --json` in lookup's
order: inputs as given, then line; read the part files in name order) and OUT/summary.json
(the document of `lookup --summary --json`, aggregated in Spark with lookup's grouping,
ordering and link cap; "errors" added when an input could not be read in full). Exit status as
`lookup`: 0 found, 1 nothing found, 2 on a refused rule set, a missing input or an input that
could not be read in full (named on standard error and in "errors"; the rest is read).

Which `lookup`: --lookup PATH, else `applinkskb/lookup` unpacked from the bundle given to
spark-submit with `--archives ...#applinkskb` (`make bundle`), else `lookup` on the PATH.
"""

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time

#: Bytes of the lines before a split that `lookup --lead` reads first; multiplied by
#: LEAD_GROWTH while an entry may have begun before them.
FIRST_LEAD = 64 * 1024
LEAD_GROWTH = 16
#: Whole local files given to one `lookup` at once.
FILES_PER_RUN = 200
DEFAULT_SPLIT_BYTES = 128 * 1024 * 1024


_STARTED = time.monotonic()


def timing(what):
    """With LOOKUP_SPARK_TIMING set, how long each step took, on standard error."""
    if os.environ.get("LOOKUP_SPARK_TIMING"):
        sys.stderr.write("lookup_spark: %7.2f s  %s\n" % (time.monotonic() - _STARTED, what))


def fail(message):
    sys.stderr.write("lookup_spark: %s\n" % message)


# ---------------------------------------------------------------------------------------------
# Names, as `lookup` reads them (Sources/LogInputs/LogFileName.swift): which files of a folder
# are read, and in which order.

COMPRESSION_SUFFIXES = (".gz", ".bz2", ".xz", ".zst", ".lz4", ".z")
LOG_SUFFIXES = (".log", ".out", ".txt")
ARCHIVE_SUFFIXES = (".zip", ".tar", ".tgz", ".tbz2", ".txz")
ROTATION = re.compile(r"^[0-9._-]*[0-9][0-9._-]*$")


def ascii_lower(text):
    return "".join(chr(ord(c) + 32) if "A" <= c <= "Z" else c for c in text)


def log_file_name(path):
    """(kind, base, rotation key, name) of a path: kind "log", "archive" or "other"; rotation
    sorts oldest first (dated, then numbered from the highest down, then the current file)."""
    name = ([part for part in path.split("/") if part] or [""])[-1]
    lower = ascii_lower(name)
    core = name
    for suffix in COMPRESSION_SUFFIXES:
        if lower.endswith(suffix) and len(name) > len(suffix):
            core = name[:-len(suffix)]
            break
    core_lower = ascii_lower(core)
    if core_lower.endswith(LOG_SUFFIXES):
        return "log", core, (2, 0, ""), name
    for suffix in LOG_SUFFIXES:
        at = core_lower.rfind(suffix + ".")
        if at < 0:
            continue
        rest = core[at + len(suffix) + 1:]
        if rest and ROTATION.match(rest):
            if rest.isdigit():
                return "log", core[:at + len(suffix)], (1, -int(rest), ""), name
            return "log", core[:at + len(suffix)], (0, 0, rest), name
    if lower.endswith(ARCHIVE_SUFFIXES) or (core != name and core_lower.endswith(".tar")):
        return "archive", name, (2, 0, ""), name
    return "other", name, (2, 0, ""), name


def reading_key(path):
    """lookup's order among the files of one folder: base name, rotation, name (in Swift's
    String order: by Unicode scalars, as Python compares str)."""
    _, base, rotation, name = log_file_name(path)
    return (base, rotation, name)


# ---------------------------------------------------------------------------------------------
# Inputs, listed on the driver through Hadoop's FileSystem.

GLOB_CHARACTERS = set("*?[{")


def list_inputs(spark, inputs):
    """[(uri, name, size, whether local)] in lookup's reading order. `name` is what lookup
    prints for the file: the input as given, joined with the path inside a folder. Raises
    OSError naming an input that matches nothing."""
    jvm = spark._jvm
    conf = spark._jsc.hadoopConfiguration()
    files = []
    skipped = []

    def walk(fs, folder, shown):
        statuses = sorted(fs.listStatus(folder), key=lambda s: s.getPath().getName())
        logs, folders = [], []
        for status in statuses:
            child = shown.rstrip("/") + "/" + status.getPath().getName() if not shown.endswith("/") \
                else shown + status.getPath().getName()
            if status.isDirectory():
                folders.append((child, status))
            elif log_file_name(child)[0] == "other":
                skipped.append(child)
            else:
                logs.append((child, status))
        for child, status in sorted(logs, key=lambda item: reading_key(item[0])):
            files.append(entry(fs, status, child))
        for child, status in sorted(folders, key=lambda item: item[0]):
            walk(fs, status.getPath(), child)

    def entry(fs, status, shown):
        uri = fs.makeQualified(status.getPath()).toUri().toString()
        return uri, shown, status.getLen(), uri.startswith("file:")

    for argument in inputs:
        path = jvm.org.apache.hadoop.fs.Path(argument)
        fs = path.getFileSystem(conf)
        local = "://" not in argument and not argument.startswith("file:")
        if GLOB_CHARACTERS & set(argument):
            statuses = fs.globStatus(path) or []
            matched = sorted(statuses, key=lambda s: s.getPath().toString())
            named = [(s, s.getPath().toUri().getPath() if local else s.getPath().toString()) for s in matched]
        else:
            try:
                named = [(fs.getFileStatus(path), argument)]
            except Exception:
                named = []
        if not named:
            raise OSError("%s: no such file or folder" % argument)
        for status, shown in named:
            if status.isDirectory():
                walk(fs, status.getPath(), shown)
            else:
                files.append(entry(fs, status, shown))
    return files, skipped


def plain_prefix(prefix):
    """Whether lookup reads a stream starting with these bytes as plain text
    (Sources/LogInputs/ByteFormat.swift): only such a file may be cut into splits."""
    magics = (b"\x1f\x8b", b"BZh", b"\xfd7zXZ\x00", b"\x28\xb5\x2f\xfd", b"\x04\x22\x4d\x18", b"\x1f\x9d",
              b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08", b"7z\xbc\xaf\x27\x1c", b"Rar!")
    return not prefix.startswith(magics) and prefix[257:262] != b"ustar"


def read_prefix(spark, uri, size, local):
    """The first bytes of a file, enough to tell its format."""
    if local:
        with open(local_path(uri), "rb") as handle:
            return handle.read(262)
    jvm = spark._jvm
    path = jvm.org.apache.hadoop.fs.Path(uri)
    stream = path.getFileSystem(spark._jsc.hadoopConfiguration()).open(path)
    try:
        return bytes(jvm.org.apache.commons.io.IOUtils.toByteArray(stream, min(size, 262)))
    finally:
        stream.close()


def plan_tasks(spark, files, split_bytes):
    """Tasks: lists of work items, each (kind, file index, split index, uri, name, local, start,
    end). A large plain file gives one task per split; whole files are packed into tasks of
    about `split_bytes`."""
    tasks, current, current_bytes = [], [], 0
    for index, (uri, name, size, local) in enumerate(files):
        if size > split_bytes and plain_prefix(read_prefix(spark, uri, size, local)):
            if current:
                tasks.append(current)
                current, current_bytes = [], 0
            for split, start in enumerate(range(0, size, split_bytes)):
                tasks.append([("split", index, split, uri, name, local, start, min(size, start + split_bytes))])
            continue
        if current and (current_bytes + size > split_bytes or len(current) >= FILES_PER_RUN):
            tasks.append(current)
            current, current_bytes = [], 0
        current.append(("whole", index, 0, uri, name, local, 0, size))
        current_bytes += size
    if current:
        tasks.append(current)
    return tasks


# ---------------------------------------------------------------------------------------------
# On the executors.


def find_lookup(given):
    if given:
        if not os.access(given, os.X_OK):
            raise OSError("--lookup %s: no executable file there on the executor" % given)
        return given
    for folder in (os.getcwd(), spark_files_root()):
        if folder:
            candidate = os.path.join(folder, "applinkskb", "lookup")
            if os.access(candidate, os.X_OK):
                return candidate
    found = shutil.which("lookup")
    if found:
        return found
    raise OSError("no lookup: give --lookup, ship `make bundle`'s archive with "
                  "--archives applinkskb.tar.gz#applinkskb, or put lookup on the PATH")


def spark_files_root():
    try:
        from pyspark import SparkFiles
        return SparkFiles.getRootDirectory()
    except Exception:
        return None


def local_path(uri):
    """The local path of a file: URI."""
    from urllib.parse import unquote, urlparse
    return unquote(urlparse(uri).path)


def open_input(uri, local):
    """A binary file object with seek for any file system: local files directly, others through
    pyarrow's file systems (HDFS, S3, GCS, Azure), which the executors then need."""
    if local:
        return open(local_path(uri), "rb")
    try:
        from pyarrow import fs as arrow_fs
    except ImportError as error:
        raise OSError("reading %s on an executor needs pyarrow (pip install pyarrow)" % uri) from error
    filesystem, path = arrow_fs.FileSystem.from_uri(uri)
    return filesystem.open_input_file(path)


def line_start(handle, position):
    """The first line start at or after `position` (a split's nominal start)."""
    if position == 0:
        return 0
    handle.seek(position - 1)
    at = position - 1
    while True:
        block = handle.read(1 << 16)
        if not block:
            return at
        found = block.find(b"\n")
        if found >= 0:
            return at + found + 1
        at += len(block)


def run_lookup(command, feed):
    """Runs lookup; `feed(pipe)` writes its standard input (or None). Returns (status, stdout,
    stderr text)."""
    process = subprocess.Popen(command, stdin=subprocess.PIPE if feed else subprocess.DEVNULL,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    failure = []

    def write():
        try:
            feed(process.stdin)
        except BrokenPipeError:
            pass
        except Exception as error:  # reported with the result
            failure.append(error)
        finally:
            try:
                process.stdin.close()
            except BrokenPipeError:
                pass

    errors = []
    reader = threading.Thread(target=lambda: errors.append(process.stderr.read()))
    reader.start()
    writer = None
    if feed:
        writer = threading.Thread(target=write)
        writer.start()
    out = process.stdout.read()
    status = process.wait()
    if writer:
        writer.join()
    reader.join()
    if failure:
        raise failure[0]
    return status, out, errors[0].decode("utf-8", "replace")


def copy_range(handle, local, start, end):
    """A feed for run_lookup: bytes start..<end of the file."""
    def feed(pipe):
        if local and hasattr(os, "sendfile"):
            offset, out = start, pipe.fileno()
            while offset < end:
                sent = os.sendfile(out, handle.fileno(), offset, min(end - offset, 1 << 24))
                if sent == 0:
                    break
                offset += sent
            return
        handle.seek(start)
        left = end - start
        while left > 0:
            block = handle.read(min(left, 1 << 22))
            if not block:
                break
            pipe.write(block)
            left -= len(block)
    return feed


def lookup_command(options):
    command = [find_lookup(options["lookup"]), "--json", "--totals", "--jobs", "1"]
    if options["rules"]:
        command += ["--rules", options["rules_path"]()]
    if options["base_url"]:
        command += ["--base-url", options["base_url"]]
    if options["site"]:
        command += ["--site", options["site"]]
    return command


def explain_task(items, options, runs):
    """One task: runs lookup on each item and yields its JSON Lines, in blocks of whole lines
    (saveAsTextFile writes each block and a line feed); what each run read and tallied goes to
    the accumulator `runs`."""
    common = lookup_command(options)
    # Consecutive local files that lookup names itself (their name is their path) go in one run.
    batch = []
    for item in items:
        if item[0] == "whole" and item[5] and local_path(item[3]) == item[4]:
            batch.append(item)
            continue
        if batch:
            yield from collect(batch[0], common + [entry[4] for entry in batch], runs)
            batch = []
        if item[0] == "whole":
            yield from explain_whole(item, common, runs)
        else:
            yield from explain_split(item, common, options, runs)
    if batch:
        yield from collect(batch[0], common + [entry[4] for entry in batch], runs)


def explain_whole(item, common, runs):
    _, index, _, uri, name, local = item[:6]
    if local:
        yield from collect(item, common + ["--source", name, local_path(uri)], runs)
        return
    # Elsewhere: copied to a local file first, so that a zip is read in place, rotated sets in
    # order, as lookup reads them.
    with tempfile.NamedTemporaryFile(prefix="applinkskb-") as copy:
        with open_input(uri, False) as handle:
            shutil.copyfileobj(handle, copy, 1 << 22)
        copy.flush()
        yield from collect(item, common + ["--source", name, copy.name], runs)


def split_bounds(handle, item):
    """Where a split's lines start and end: from the first line start at or after its nominal
    start to the first at or after its nominal end."""
    _, _, _, uri, _, local, start, end = item[:8]
    size = os.fstat(handle.fileno()).st_size if local else handle.size()
    return line_start(handle, start), (line_start(handle, end) if end < size else size)


def count_split(item):
    """(file, split, lines): the line feeds of one split, for the line numbers of the next."""
    with open_input(item[3], item[5]) as handle:
        begin, finish = split_bounds(handle, item)
        handle.seek(begin)
        left, count = finish - begin, 0
        while left > 0:
            block = handle.read(min(left, 1 << 24))
            if not block:
                break
            count += block.count(b"\n")
            left -= len(block)
    return item[1], item[2], count


def explain_split(item, common, options, runs):
    _, index, split, uri, name, local, start, end, first_line = item
    with open_input(uri, local) as handle:
        begin, finish = split_bounds(handle, item)
        if begin >= finish:
            return
        lead = options["first_lead"]
        while True:
            lead_start = 0
            if begin > 0 and begin - lead > 0:
                lead_start = line_start(handle, begin - lead)
                if lead_start >= begin:
                    lead *= LEAD_GROWTH
                    continue
            command = common + ["--source", name, "--lead", str(begin - lead_start),
                                "--first-line", str(first_line), "-"]
            status, out, errors = run_lookup(command, copy_range(handle, local, lead_start, finish))
            last = json.loads(out[out.rfind(b"\n", 0, len(out) - 1) + 1:] or b"{}")
            if last.get("entry_before_lead") and lead_start > 0:
                lead *= LEAD_GROWTH
                continue
            break
        yield from results(item, status, out, errors, command, runs)


def collect(item, command, runs):
    status, out, errors = run_lookup(command, None)
    yield from results(item, status, out, errors, command, runs)


SOURCE_KEY = b',"source":"'
JSON_STRING = re.compile(rb'((?:[^"\\]|\\.)*)"')
BLOCK_BYTES = 8 << 20


def tally(finding, tallies):
    """Counts `finding` (an object of lookup --json) in `tallies`, {(problem, link): [link, count,
    first place, last place]}, as a summary counts the findings of one link."""
    fields = finding.get("fields", {})
    place = {"source": finding["source"], "line": finding["line"],
             **({"log_time": fields["log_time"]} if "log_time" in fields else {})}
    key = (finding["problem"], fields.get("link"))
    if key in tallies:
        tallies[key][1] += 1
        tallies[key][3] = place
    else:
        tallies[key] = [fields.get("link"), 1, place, place]


def results(item, status, out, errors, command, runs):
    """One lookup run: its findings yielded in blocks of whole lines; to `runs`, one record
    (file, split, summary document, sources in order of first appearance, tallies, failures,
    the cap of links per problem lookup counted with). Tallies, per problem and link, come only
    for a problem whose summary counted links past its cap (other_links), from the findings
    themselves."""
    index, split, name = item[1], item[2], item[4]
    cut = out.rfind(b"\n", 0, len(out) - 1)
    try:
        last = json.loads(out[cut + 1:])
        summary, max_links = last["totals"], last["summary_max_links"]
    except (ValueError, KeyError, TypeError):
        summary = None
    if status not in (0, 1, 2) or summary is None:
        message = errors.strip().splitlines()[-1:] or ["exit status %d" % status]
        raise RuntimeError("%s: lookup failed: %s (%s)" % (name, message[0], command[0]))
    findings = out[:cut] if cut > 0 else b""
    sources, previous = [], None
    capped = {p["problem"] for p in summary["problems"] if p.get("other_links")}
    tallies = {}
    if findings:
        for raw in findings.split(b"\n"):
            at = raw.rfind(SOURCE_KEY) + len(SOURCE_KEY)
            quoted = JSON_STRING.match(raw, at).group(1)
            if quoted != previous:
                source = json.loads(b'"' + quoted + b'"')
                if source not in sources:
                    sources.append(source)
                previous = quoted
            if capped:
                finding = json.loads(raw)
                if finding["problem"] in capped:
                    tally(finding, tallies)
        start = 0
        while start < len(findings):
            if len(findings) - start <= BLOCK_BYTES:
                end = len(findings)
            else:
                end = findings.rfind(b"\n", start, start + BLOCK_BYTES)
            if end <= start:
                end = findings.find(b"\n", start + BLOCK_BYTES)
                end = len(findings) if end < 0 else end
            yield findings[start:end]
            start = end + 1
    failures = []
    if status == 2:
        for line in errors.splitlines():
            if line.startswith("lookup: ") and "(--verbose lists them)" not in line:
                failures.append(line[len("lookup: "):])
    runs.add([(index, split, summary, sources,
               {problem: [t for (p, _), t in tallies.items() if p == problem] for problem in capped},
               failures, max_links)])


class ListParam:
    """An accumulator of lists, in Spark's AccumulatorParam protocol."""

    def zero(self, value):
        return []

    def addInPlace(self, left, right):
        left.extend(right)
        return left


# ---------------------------------------------------------------------------------------------
# On the driver.


def check_rules(spark, options, given):
    """lookup's refusal of --rules (named as `given`), before any data is read; None when
    accepted."""
    def check(_):
        lookup = find_lookup(options["lookup"])
        path = options["rules_path"]()
        result = subprocess.run([lookup, "--rules", path, "--json", "-"], input=b"", capture_output=True)
        yield (result.returncode, result.stderr.decode("utf-8", "replace"), path)
    status, errors, path = spark.sparkContext.parallelize([0], 1).mapPartitions(check).collect()[0]
    if status == 2:
        message = errors.strip()
        if message.startswith("lookup: "):
            message = message[len("lookup: "):]
        return given + message[len(path):] if message.startswith(path) else message
    return None


def summarise(runs):
    """lookup --summary --json's document from the summaries of lookup's runs, merged with
    lookup's ordering and link cap (Report.swift): at most summary_max_links links per problem
    (the cap the runs' lookup counted with, from its rule set) in order of first appearance, the
    rest in other_links; links by count, ties in order of first appearance, the findings with no
    link last; problems by count, ties in order of first appearance. A place's order: its run
    (file, split), then its source's first appearance in the run, then its line. A pure function
    of the runs' records (see results()); Tests/Spark/test_summary_merge.py checks it against
    Site/summary-tests.json."""
    problems, links = {}, {}
    lines = total_bytes = 0
    caps = {run[6] for run in runs}
    if len(caps) > 1:
        raise RuntimeError("lookup's runs counted links with different caps: %s" % sorted(caps))
    max_links = caps.pop() if caps else 1
    for index, split, summary, sources, tallies, _, _ in sorted(runs, key=lambda r: (r[0], r[1])):
        lines += summary["lines"]
        total_bytes += summary["bytes"]
        rank = {source: position for position, source in enumerate(sources)}

        def key(place, index=index, split=split, rank=rank):
            return (index, split, rank.get(place["source"], len(rank)), place["line"])

        for entry in summary["problems"]:
            problem = entry["problem"]
            merged = problems.get(problem)
            if merged is None:
                # Fields of a problem other than its counts and places pass through as lookup gave them.
                merged = {k: v for k, v in entry.items() if k not in ("count", "first", "last", "links", "other_links")}
                merged.update(count=0, first=(key(entry["first"]), entry["first"]))
                problems[problem] = merged
            merged["count"] += entry["count"]
            merged["last"] = (key(entry["last"]), entry["last"])
            tallied = tallies.get(problem)
            rows = tallied if tallied is not None else [
                (link.get("link"), link["count"], link["first"], link["last"]) for link in entry["links"]]
            for link, count, first, last in rows:
                tally = links.get((problem, link))
                if tally is None:
                    links[(problem, link)] = [count, (key(first), first), (key(last), last)]
                else:
                    tally[0] += count
                    tally[1] = min(tally[1], (key(first), first), key=lambda t: t[0])
                    tally[2] = max(tally[2], (key(last), last), key=lambda t: t[0])
    by_problem = {}
    for (problem, link), tally in links.items():
        by_problem.setdefault(problem, []).append((link,) + tuple(tally))
    entries = []
    for problem, merged in problems.items():
        rows = sorted(by_problem[problem], key=lambda r: r[2][0])
        kept, other, counted = [], 0, 0
        for row in rows:
            if row[0] is None or counted < max_links:
                counted += row[0] is not None
                kept.append(row)
            else:
                other += row[1]
        order = sorted(range(len(kept)), key=lambda i: (kept[i][0] is None, -kept[i][1], i))
        entry = dict(merged, first=merged["first"][1], last=merged["last"][1],
                     links=[dict(({"link": kept[i][0]} if kept[i][0] is not None else {}), count=kept[i][1],
                                 first=kept[i][2][1], last=kept[i][3][1]) for i in order])
        if other:
            entry["other_links"] = other
        entries.append((entry, merged["first"][0]))
    entries.sort(key=lambda e: (-e[0]["count"], e[1]))
    return {"problems": [e for e, _ in entries], "lines": lines, "bytes": total_bytes}


def spark_session(name="lookup_spark"):
    from pyspark.sql import SparkSession
    return (SparkSession.builder.appName(name)
            .config("spark.ui.enabled", "false")
            .config("spark.sql.shuffle.partitions", os.environ.get("LOOKUP_SPARK_SHUFFLE_PARTITIONS", "8"))
            .getOrCreate())


def write_text(spark, path, text):
    """Writes one small file on any file system Hadoop reaches."""
    jvm = spark._jvm
    target = jvm.org.apache.hadoop.fs.Path(path)
    fs = target.getFileSystem(spark._jsc.hadoopConfiguration())
    stream = fs.create(target, True)
    try:
        stream.write(bytearray(text.encode("utf-8")))
    finally:
        stream.close()


def run_job(spark, args):
    """The job on an open session; returns the exit status."""
    started = time.monotonic()
    sc = spark.sparkContext
    rules_name = None
    if args.rules:
        if not os.path.isfile(args.rules):
            fail("%s: no such file" % args.rules)
            return 2
        sc.addFile(os.path.abspath(args.rules))
        rules_name = os.path.basename(args.rules)

    def rules_path():
        from pyspark import SparkFiles
        return SparkFiles.get(rules_name)

    options = {"lookup": args.lookup, "rules": args.rules, "rules_path": rules_path,
               "site": args.site, "base_url": args.base_url, "first_lead": args.first_lead}
    if args.rules:
        refusal = check_rules(spark, options, args.rules)
        if refusal:
            fail(refusal)
            return 2
    try:
        files, skipped = list_inputs(spark, args.inputs)
    except OSError as error:
        fail(str(error))
        return 2
    if skipped:
        fail("skipped %d file%s whose name%s not look like a log" % (
            len(skipped), "" if len(skipped) == 1 else "s", " does" if len(skipped) == 1 else "s do"))
    timing("listed")
    tasks = plan_tasks(spark, files, args.split_bytes)
    splits = [item for task in tasks for item in task if item[0] == "split"]
    first_lines = {}
    if splits:
        # Each split's lines start after those of the splits before it in its file.
        counts = sorted(sc.parallelize(splits, len(splits)).map(count_split).collect())
        running = {}
        for index, split, lines in counts:
            first_lines[(index, split)] = running.get(index, 0) + 1
            running[index] = running.get(index, 0) + lines
        timing("splits counted")
    tasks = [[item + (first_lines[(item[1], item[2])],) if item[0] == "split" else item for item in task]
             for task in tasks]
    runs = sc.accumulator([], ListParam())
    folder = os.path.join(args.out, "findings")
    target = spark._jvm.org.apache.hadoop.fs.Path(folder)
    target.getFileSystem(spark._jsc.hadoopConfiguration()).delete(target, True)
    # One partition per task, in input order: part file i holds task i's findings in lookup's
    # order, so that the part files in name order are lookup's output, with no sort.
    try:
        (sc.parallelize(tasks, max(1, len(tasks)))
         .mapPartitions(lambda parts: (block for items in parts for block in explain_task(items, options, runs)))
         .saveAsTextFile(folder))
    except Exception as error:
        # A task's own message (no lookup, lookup failed), not the JVM's stack.
        found = re.findall(r"(?:OSError|RuntimeError): (.*)", str(error))
        fail(found[0] if found else "the job failed: %s" % str(error).splitlines()[0])
        return 2
    timing("explained")
    errors = [message for run in sorted(runs.value, key=lambda r: (r[0], r[1])) for message in run[5]]
    for message in errors:
        fail(message)
    summary = summarise(runs.value)
    summary["milliseconds"] = int((time.monotonic() - started) * 1000)
    if errors:
        summary["errors"] = errors
    write_text(spark, os.path.join(args.out, "summary.json"),
               json.dumps(summary, ensure_ascii=False, sort_keys=True) + "\n")
    timing("summary")
    if errors:
        return 2
    return 0 if summary["problems"] else 1


def parse_arguments(argv=None):
    parser = argparse.ArgumentParser(prog="lookup_spark.py", description=__doc__.split("\n")[0])
    parser.add_argument("--out", required=True, help="the output folder: findings/ and summary.json")
    parser.add_argument("--lookup", help="the lookup executable on the executors (default: the bundle's, "
                        "then the PATH's)")
    parser.add_argument("--rules", help="a rule set (rules.json) instead of lookup's own, shipped to the executors")
    parser.add_argument("--split-bytes", type=int, default=DEFAULT_SPLIT_BYTES,
                        help="a plain file larger than this is cut at line feeds into splits of about "
                        "this size (default: 128 MiB)")
    parser.add_argument("--site", help="folder of the help site, for help-page paths (as lookup --site)")
    parser.add_argument("--base-url", help="published base URL of the help site (as lookup --base-url)")
    parser.add_argument("--first-lead", type=int, default=FIRST_LEAD, help=argparse.SUPPRESS)
    parser.add_argument("inputs", nargs="+", help="files, folders or globs")
    args = parser.parse_args(argv)
    if args.split_bytes < 1:
        parser.error("--split-bytes takes a positive count of bytes")
    return args


def main(argv=None):
    args = parse_arguments(argv)
    spark = spark_session()
    spark.sparkContext.setLogLevel("ERROR")
    timing("Spark started")
    try:
        return run_job(spark, args)
    finally:
        spark.stop()


if __name__ == "__main__":
    sys.exit(main())
