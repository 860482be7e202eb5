#!/usr/bin/env python3
"""make bench-spark: Integrations/spark/lookup_spark.py with local[1] and local[2] beside
`lookup --summary --json` on the same generated logs (Benchmarks/data/spark/, git-ignored:
four plain files and one .gz, made once by Benchmarks/generate_logs.py and kept).

Prints MB/s (decimal megabytes of log read per second of wall time, process start included)
for each, the load average before each run, and whether the job's summary equals lookup's.

    LOOKUP=.build/release/lookup python3 Benchmarks/spark_bench.py --bytes 1073741824
"""
import argparse
import gzip
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
JOB = os.path.join(ROOT, "Integrations", "spark", "lookup_spark.py")
RULES = os.path.join(ROOT, "Site", "rules.json")


def spark_submit():
    import pyspark
    return os.path.join(os.path.dirname(pyspark.__file__), "bin", "spark-submit")


def make_data(folder, total):
    """Five files adding up to `total` bytes of log text; the last is gzipped."""
    marker = folder.rstrip("/") + ".complete-%d" % total
    if os.path.exists(marker):
        return
    shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(folder)
    share = total // 5
    for index in range(5):
        path = os.path.join(folder, "node%d" % (index + 1), "atlassian-jira.log")
        os.makedirs(os.path.dirname(path))
        subprocess.run([sys.executable, os.path.join(ROOT, "Benchmarks", "generate_logs.py"),
                        "--size", str(share), "--seed", str(index + 11), "--out", path],
                       check=True, capture_output=True)
        os.remove(path + ".counts.json")
        if index == 4:
            with open(path, "rb") as source, gzip.open(path + ".gz", "wb", compresslevel=6) as target:
                shutil.copyfileobj(source, target)
            os.remove(path)
    open(marker, "w").close()


def files_of(folder):
    found = []
    for top, _, names in os.walk(folder):
        found += [os.path.join(top, n) for n in names if not n.startswith(".")]
    return sorted(found)


def timed(command):
    load = os.getloadavg()[0]
    started = time.monotonic()
    result = subprocess.run(command, capture_output=True)
    return time.monotonic() - started, load, result


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bytes", type=int, default=1 << 30)
    parser.add_argument("--data", default=os.path.join(ROOT, "Benchmarks", "data", "spark"))
    args = parser.parse_args()
    lookup = os.environ.get("LOOKUP", os.path.join(ROOT, ".build", "release", "lookup"))
    make_data(args.data, args.bytes)
    files = files_of(args.data)
    seconds, load, result = timed([lookup, "--summary", "--json", *files])
    if result.returncode not in (0, 1):
        sys.exit("spark_bench: lookup failed: %s" % result.stderr.decode("utf-8", "replace"))
    want = json.loads(result.stdout)
    size = want["bytes"]
    rows = [("lookup", seconds, load, True)]
    for master in ("local[1]", "local[2]"):
        out = tempfile.mkdtemp(prefix="spark-bench-")
        try:
            seconds, load, result = timed([spark_submit(), "--master", master, "--conf", "spark.ui.enabled=false",
                                           "--conf", "spark.log.level=ERROR", JOB, "--rules", RULES,
                                           "--out", os.path.join(out, "o"), args.data])
            if result.returncode not in (0, 1):
                sys.exit("spark_bench: the job failed on %s: %s" % (master, result.stdout.decode()[-3000:]))
            with open(os.path.join(out, "o", "summary.json"), encoding="utf-8") as handle:
                got = json.load(handle)
            same = {k: v for k, v in got.items() if k != "milliseconds"} == \
                {k: v for k, v in want.items() if k != "milliseconds"}
            rows.append(("spark " + master, seconds, load, same))
        finally:
            shutil.rmtree(out, ignore_errors=True)
    print("%d bytes in %d files (one .gz), %s" % (size, len(files), time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())))
    print("%-16s %9s %9s %9s %s" % ("engine", "seconds", "MB/s", "load", "summary as lookup's"))
    for name, seconds, load, same in rows:
        print("%-16s %9.1f %9.1f %9.2f %s" % (name, seconds, size / seconds / 1e6, load, "yes" if same else "NO"))
    if not all(row[3] for row in rows):
        sys.exit(1)


if __name__ == "__main__":
    main()
