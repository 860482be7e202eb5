#!/usr/bin/env python3
"""Reads what Benchmarks/run.sh measured, prints the table and writes Benchmarks/results.json.

Exits with 1 when a check failed (lookup's counts differ from the generator's, or grep and rg
do not count the lines the generator says hold `oauth_problem`); an unmet target is reported,
not an error.
"""

import argparse
import datetime
import json
import os
import platform
import re
import subprocess
import sys
import time
from pathlib import Path

RSS_LIMIT = 50_000_000  # bytes
RSS_FLAT = 1.10  # the 1 GiB peak may be at most 10 % above the 100 MiB peak
SCAN_TARGET = 1.5  # lookup within 1.5x of ripgrep's median
KB_TARGET = 2.0  # at least twice Hugo's pages per second
PASTE_TARGET = 0.050  # seconds


def hyperfine(path: Path):
    """Each command's statistics, by name, from a hyperfine JSON export."""
    data = json.loads(path.read_text())
    out = {}
    for result in data["results"]:
        out[result["command"]] = {
            "median_s": result["median"], "mean_s": result["mean"],
            "stddev_s": result.get("stddev"), "min_s": result["min"], "max_s": result["max"],
            "user_s": result["user"], "system_s": result["system"],
            "runs": len(result["times"]), "times_s": result["times"],
        }
    return out


def gnu_time(path: Path):
    text = path.read_text()
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", text).group(1))
    wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): ([\d:.]+)", text).group(1)
    seconds = 0.0
    for part in wall.split(":"):
        seconds = seconds * 60 + float(part)
    user = float(re.search(r"User time \(seconds\): ([\d.]+)", text).group(1))
    system = float(re.search(r"System time \(seconds\): ([\d.]+)", text).group(1))
    return {"max_rss_bytes": rss * 1024, "wall_s": seconds, "user_s": user, "system_s": system}


def version(command):
    try:
        out = subprocess.run(command, capture_output=True, text=True, timeout=60)
        return (out.stdout or out.stderr).strip().split("\n")[0]
    except (OSError, subprocess.SubprocessError):
        return None


def machine(work: Path):
    cpu = None
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    memory = None
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal:"):
            memory = int(line.split()[1]) * 1024
    return {
        "nproc": len(os.sched_getaffinity(0)),
        "cpu_model": cpu,
        "memory_bytes": memory,
        "kernel": platform.release(),
        "os": (platform.freedesktop_os_release().get("PRETTY_NAME")
               if hasattr(platform, "freedesktop_os_release") else None),
        "date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "load_average_start": (work / "load-start.txt").read_text().split()
        if (work / "load-start.txt").exists() else None,
        "load_average_end": Path("/proc/loadavg").read_text().split()[:3],
    }


def size(n):
    if n >= 1 << 30:
        return f"{n / (1 << 30):.2f} GiB"
    return f"{n / (1 << 20):.0f} MiB"


def fmt_s(seconds):
    if seconds is None:
        return "-"
    if seconds < 1:
        return f"{seconds * 1000:.1f} ms"
    return f"{seconds:.2f} s"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--work", type=Path, required=True)
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--started", type=float, required=True)
    parser.add_argument("--scratch", default=".build")
    parser.add_argument("--kb-problems", type=int, required=True)
    parser.add_argument("--kb-repeat-limit", type=float, required=True)
    args = parser.parse_args()
    work = args.work

    checks = {}
    failed = []
    data = {}
    rss = {}
    for name in ("small", "big"):
        log = args.data / f"applinks-{name}.log"
        expected = json.loads(Path(str(log) + ".counts.json").read_text())
        summary = json.loads((work / f"summary-{name}.json").read_text())
        got = {p["problem"]: p["count"] for p in summary["problems"]}
        want = {k: v for k, v in expected["problems"].items() if v}
        differences = {k: {"expected": want.get(k, 0), "lookup": got.get(k, 0)}
                       for k in sorted(set(got) | set(want)) if got.get(k, 0) != want.get(k, 0)}
        ok = not differences and summary["lines"] == expected["lines"] \
            and summary["bytes"] == expected["bytes"]
        checks[f"lookup_counts_{name}"] = {
            "ok": ok, "problems": len(want), "findings": sum(want.values()),
            "lines": [expected["lines"], summary["lines"]],
            "bytes": [expected["bytes"], summary["bytes"]], "differences": differences,
        }
        if not ok:
            failed.append(f"lookup --summary counts on {log}")
        data[name] = {
            "path": str(log), "bytes": expected["bytes"], "lines": expected["lines"],
            "seed": expected["seed"], "problem_lines": expected["problem_lines"],
            "oauth_problem_lines": expected["oauth_problem_lines"],
            "rules_shown": sum(1 for v in expected["rules"].values() if v),
            "rules": len(expected["rules"]), "problems": len(expected["problems"]),
            "generator_seconds": expected.get("seconds"),
        }
        rss[name] = gnu_time(work / f"time-{name}.txt")
    big_expected = json.loads(Path(str(args.data / "applinks-big.log") + ".counts.json").read_text())
    for tool in ("grep", "rg"):
        text = (work / f"{tool}-count.txt").read_text().strip()
        count = int(text) if text.isdigit() else None
        ok = count == big_expected["oauth_problem_lines"]
        checks[f"{tool}_count_big"] = {"ok": ok, "expected": big_expected["oauth_problem_lines"],
                                       "got": count}
        if not ok:
            failed.append(f"{tool} -c count on the big log")

    scan = hyperfine(work / "scan.json")
    paste = hyperfine(work / "paste.json")
    kb_real = hyperfine(work / "kb-real.json")
    kb_synth = hyperfine(work / "kb-synth.json")
    hugo = hyperfine(work / "hugo.json")
    synth_pages = int((work / "synth-pages.txt").read_text().strip())
    hugo_pages = int((work / "hugo-pages.txt").read_text().strip())
    kb_real_line = (work / "kb-real.out").read_text().strip() if (work / "kb-real.out").exists() else None
    kb_synth_line = (work / "kb-synth.out").read_text().strip() if (work / "kb-synth.out").exists() else None

    lookup_s = scan["lookup"]["median_s"]
    rg_s = scan["rg"]["median_s"]
    grep_s = scan["grep"]["median_s"]
    big_bytes = data["big"]["bytes"]
    scan_ratio = lookup_s / rg_s
    kb_s = kb_synth["kb-bench"]["median_s"]
    hugo_s = hugo["hugo"]["median_s"]
    kb_pps = args.kb_problems / kb_s
    hugo_pps = hugo_pages / hugo_s
    kb_ratio = kb_pps / hugo_pps
    paste_s = paste["lookup <line>"]["median_s"]
    real_s = kb_real["kb build"]["median_s"]
    rss_small = rss["small"]["max_rss_bytes"]
    rss_big = rss["big"]["max_rss_bytes"]
    rss_ratio = rss_big / rss_small
    table = [
        {"metric": f"lookup --summary --file, {size(big_bytes)} log (median)",
         "value": fmt_s(lookup_s) + f" ({big_bytes / lookup_s / 1e6:.0f} MB/s)",
         "peer": f"rg -c {fmt_s(rg_s)}", "ratio": f"{scan_ratio:.2f}x rg",
         "target": f"<= {SCAN_TARGET}x rg", "met": scan_ratio <= SCAN_TARGET},
        {"metric": "  the same against GNU grep -c",
         "value": fmt_s(lookup_s), "peer": f"grep -c {fmt_s(grep_s)}",
         "ratio": f"{lookup_s / grep_s:.2f}x grep", "target": "-", "met": None},
        {"metric": f"peak RSS, lookup --summary, {size(data['small']['bytes'])}",
         "value": f"{rss_small / 1e6:.1f} MB", "peer": "-", "ratio": "-",
         "target": "< 50 MB", "met": rss_small < RSS_LIMIT},
        {"metric": f"peak RSS, lookup --summary, {size(big_bytes)}",
         "value": f"{rss_big / 1e6:.1f} MB", "peer": f"{rss_small / 1e6:.1f} MB at {size(data['small']['bytes'])}",
         "ratio": f"{rss_ratio:.2f}x", "target": f"< 50 MB, flat (<= {RSS_FLAT}x)",
         "met": rss_big < RSS_LIMIT and rss_ratio <= RSS_FLAT},
        {"metric": f"kb-bench, {args.kb_problems} problems (median)",
         "value": f"{kb_pps:.0f} pages/s ({fmt_s(kb_s)})",
         "peer": f"hugo {hugo_pps:.0f} pages/s ({fmt_s(hugo_s)})",
         "ratio": f"{kb_ratio:.2f}x hugo", "target": f">= {KB_TARGET}x hugo",
         "met": kb_ratio >= KB_TARGET},
        {"metric": "kb build, real catalogue (wall, with process start)",
         "value": fmt_s(real_s), "peer": "-", "ratio": "-", "target": "-", "met": None},
        {"metric": "lookup '<pasted line>' (wall, with process start)",
         "value": fmt_s(paste_s), "peer": "-", "ratio": f"{paste_s / PASTE_TARGET:.2f}x target",
         "target": "< 50 ms", "met": paste_s < PASTE_TARGET},
        {"metric": f"lookup --summary counts = generator's ({size(data['small']['bytes'])}, "
                   f"{size(big_bytes)})",
         "value": " / ".join("ok" if checks[f"lookup_counts_{n}"]["ok"] else "DIFFER"
                             for n in ("small", "big")),
         "peer": "grep/rg -c = lines with oauth_problem: " + " / ".join(
             "ok" if checks[f"{t}_count_big"]["ok"] else "DIFFER" for t in ("grep", "rg")),
         "ratio": "-", "target": "exact", "met": not failed},
    ]
    total = time.time() - args.started
    results = {
        "machine": machine(work),
        "tools": {
            "swift": version(["swift", "--version"]),
            "hyperfine": version(["hyperfine", "--version"]),
            "ripgrep": version(["rg", "--version"]),
            "grep": version(["grep", "--version"]),
            "hugo": version(["hugo", "version"]),
            "scratch_path": args.scratch,
            "build": "release",
        },
        "data": data,
        "measurements": {
            "scan_big": {
                "file_bytes": big_bytes,
                "commands": {
                    "lookup": "lookup --summary --file LOG",
                    "grep": "grep -c -F oauth_problem LOG",
                    "rg": "rg -c -F oauth_problem LOG",
                },
                "hyperfine": "-N --output=pipe --warmup 1 --min-runs 3",
                "results": scan,
                "lookup_over_rg": scan_ratio,
                "lookup_over_grep": lookup_s / grep_s,
                "lookup_mb_per_s": big_bytes / lookup_s / 1e6,
            },
            "peak_rss": {
                "small": rss["small"], "big": rss["big"], "big_over_small": rss_ratio,
                "tool": "/usr/bin/time -v lookup --summary --json --file LOG",
            },
            "paste": {"line": "oauth_problem=timestamp_refused&oauth_acceptable_timestamps=1709646131-1709647031",
                      "hyperfine": "-N --output=pipe --warmup 3 --runs 30", "results": paste},
            "kb_build_real": {"hyperfine": "-N --warmup 1 --min-runs 5", "results": kb_real,
                              "summary_line": kb_real_line},
            "kb_bench_build": {
                "problems": args.kb_problems, "markdown_pages": synth_pages,
                "summary_line": kb_synth_line, "results": kb_synth,
                "pages_per_second": kb_pps,
                "note": ("a probe run, then 3 timed runs when the probe took less than "
                         f"{args.kb_repeat_limit:.0f} s; otherwise the probe alone"),
            },
            "hugo": {"pages": hugo_pages, "results": hugo, "pages_per_second": hugo_pps,
                     "hyperfine": "-N --output=pipe --warmup 1 --runs 3",
                     "command": "hugo --quiet --source SITE"},
            "kb_over_hugo_pages_per_second": kb_ratio,
        },
        "checks": checks,
        "table": table,
        "total_seconds": round(total, 1),
    }
    args.out.write_text(json.dumps(results, indent=2) + "\n")

    headers = ["metric", "lookup / kb", "peer", "ratio", "target", "met?"]
    rows = [[r["metric"], r["value"], r["peer"], r["ratio"], r["target"],
             "-" if r["met"] is None else ("yes" if r["met"] else "NO")] for r in table]
    widths = [max(len(str(x)) for x in col) for col in zip(headers, *rows)]
    line = "  ".join(h.ljust(w) for h, w in zip(headers, widths))
    print(line)
    print("  ".join("-" * w for w in widths))
    for row in rows:
        print("  ".join(str(x).ljust(w) for x, w in zip(row, widths)))
    m = results["machine"]
    print(f"\n{m['nproc']} CPUs ({m['cpu_model']}), {m['memory_bytes'] / (1 << 30):.1f} GiB, "
          f"load average {' '.join(m['load_average_start'] or [])} at start, "
          f"{' '.join(m['load_average_end'])} at end; total {total:.0f} s; wrote {args.out}")
    if failed:
        print("CHECK FAILED: " + "; ".join(failed), file=sys.stderr)
        for name, check in checks.items():
            if not check["ok"]:
                print(f"  {name}: {json.dumps(check)[:2000]}", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
