#!/usr/bin/env python3
"""The scan benchmark of issue 14: `lookup --summary` on a sparse and a dense log against
ripgrep and GNU grep, every ratio from one run.

    LOOKUP=.build/release/lookup python3 Benchmarks/scan_bench.py [--sparse-size N] [--dense-size N]

- sparse log: 0.1 % problem lines (default 256 MiB); dense log: 5 % (default 128 MiB), made by
  generate_logs.py --share and cached in Benchmarks/data/ like the other logs;
- peers: `rg -c -F oauth_problem` (one literal), and `rg -c -F -f LITERALS` and
  `grep -c -F -f LITERALS` with every literal of the rule set (what a user would run instead);
- lookup's counts must equal the generator's; peak memory by /usr/bin/time -v;
- results go to the `scan` key of Benchmarks/results.json (the rest is kept) and a table.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "Benchmarks" / "data"

SPARSE_TARGET = 3.0  # lookup within 3x of rg -c (issue 22)
DENSE_TARGET = 6.0  # within 6x of rg -c (issue 22)
DENSE_VS_LITERALS = 1.0  # faster than rg -F -f with the same literals (issue 22)
RSS_LIMIT = 50_000_000


def stamp(size, share, seed):
    digest = hashlib.sha256()
    for name in ("Benchmarks/generate_logs.py", "Site/rules.json", "Site/rules-tests.json"):
        digest.update((ROOT / name).read_bytes())
    return f"{digest.hexdigest()[:16]} {size} {share} {seed}"


def ensure_log(name, size, share, seed):
    log = DATA / f"{name}.log"
    mark = Path(str(log) + ".stamp")
    want = stamp(size, share, seed)
    if log.exists() and mark.exists() and mark.read_text().strip() == want:
        print(f"{log}: up to date")
        return log
    DATA.mkdir(parents=True, exist_ok=True)
    subprocess.run([sys.executable, str(ROOT / "Benchmarks/generate_logs.py"), "--size", str(size),
                    "--share", str(share), "--seed", str(seed), "--out", str(log)],
                   check=True, stdout=subprocess.DEVNULL)
    mark.write_text(want + "\n")
    return log


def hyperfine(commands, export, runs):
    argv = ["hyperfine", "-N", "--output=pipe", "--warmup", "1", "--runs", str(runs),
            "--export-json", str(export)]
    for name, command in commands:
        argv += ["-n", name, command]
    subprocess.run(argv, check=True)
    return {r["command"]: r for r in json.loads(export.read_text())["results"]}


def peak_rss(command):
    out = subprocess.run(["/usr/bin/time", "-f", "%M", *command], capture_output=True, text=True)
    return int(out.stderr.strip().split("\n")[-1]) * 1024, out.stdout


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sparse-size", type=int, default=256 << 20)
    parser.add_argument("--dense-size", type=int, default=128 << 20)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--out", type=Path, default=ROOT / "Benchmarks/results.json")
    args = parser.parse_args()
    lookup = os.environ.get("LOOKUP") or str(ROOT / ".build/release/lookup")
    load_start = os.getloadavg()

    rules = json.loads((ROOT / "Site/rules.json").read_text())
    literals = sorted({lit for rule in rules["rules"] for lit in rule["literals"]})
    work = Path(tempfile.mkdtemp(prefix="applinks-scan."))
    literal_file = work / "literals.txt"
    literal_file.write_text("".join(lit + "\n" for lit in literals))

    logs = {"sparse": ensure_log("scan-sparse", args.sparse_size, 0.001, 5),
            "dense": ensure_log("scan-dense", args.dense_size, 0.05, 6)}
    results, rows, failed = {}, [], []
    for name, log in logs.items():
        expected = json.loads(Path(str(log) + ".counts.json").read_text())
        rss, out = peak_rss([lookup, "--summary", "--json", "--file", str(log)])
        summary = json.loads(out)
        got = {p["problem"]: p["count"] for p in summary["problems"]}
        want = {k: v for k, v in expected["problems"].items() if v}
        counts_ok = got == want and summary["lines"] == expected["lines"]
        if not counts_ok:
            failed.append(f"lookup --summary counts on {log}")
        timed = hyperfine([
            ("lookup", f"{lookup} --summary --file {log}"),
            ("lookup --jobs 1", f"{lookup} --summary --jobs 1 --file {log}"),
            ("rg -c", f"rg -c -F oauth_problem {log}"),
            ("rg -F -f", f"rg -c -F -f {literal_file} {log}"),
            ("grep -F -f", f"grep -c -F -f {literal_file} {log}"),
        ], work / f"{name}.json", args.runs)
        median = {k: v["median"] for k, v in timed.items()}
        ratios = {
            "lookup_over_rg_c": median["lookup"] / median["rg -c"],
            "lookup_jobs1_over_rg_c": median["lookup --jobs 1"] / median["rg -c"],
            "rg_f_over_lookup": median["rg -F -f"] / median["lookup"],
            "grep_f_over_lookup": median["grep -F -f"] / median["lookup"],
            "jobs1_over_jobs_default": median["lookup --jobs 1"] / median["lookup"],
        }
        results[name] = {
            "log": str(log.relative_to(ROOT)), "bytes": expected["bytes"],
            "lines": expected["lines"], "problem_lines": expected["problem_lines"],
            "share": expected.get("share"), "findings_per_s": expected["problem_lines"] / median["lookup"],
            "peak_rss_bytes": rss, "counts_ok": counts_ok, "median_s": median, "ratios": ratios,
            "results": timed,
        }
        target = SPARSE_TARGET if name == "sparse" else DENSE_TARGET
        rows.append([f"{name} {expected['bytes'] >> 20} MiB ({expected['problem_lines']} problem lines)",
                     f"{median['lookup'] * 1000:.0f} ms", f"{median['lookup --jobs 1'] * 1000:.0f} ms",
                     f"{median['rg -c'] * 1000:.1f} ms", f"{median['rg -F -f'] * 1000:.0f} ms",
                     f"{median['grep -F -f'] * 1000:.0f} ms",
                     f"{ratios['lookup_over_rg_c']:.2f}x (<= {target}x: "
                     f"{'yes' if ratios['lookup_over_rg_c'] <= target else 'NO'})",
                     f"{ratios['rg_f_over_lookup']:.2f}x"
                     + (f" (>= {DENSE_VS_LITERALS}x: "
                        f"{'yes' if ratios['rg_f_over_lookup'] >= DENSE_VS_LITERALS else 'NO'})"
                        if name == "dense" else ""),
                     f"{rss / 1e6:.1f} MB", "ok" if counts_ok else "DIFFER"])
    load_end = os.getloadavg()
    document = json.loads(args.out.read_text()) if args.out.exists() else {}
    document["scan"] = {
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "cpus": os.cpu_count(), "load_average_start": load_start, "load_average_end": load_end,
        "literals": len(literals), "hyperfine": f"-N --warmup 1 --runs {args.runs}",
        "logs": results,
    }
    args.out.write_text(json.dumps(document, indent=2) + "\n")
    headers = ["log", "lookup", "--jobs 1", "rg -c", "rg -F -f", "grep -F -f",
               "lookup / rg -c", "rg -F -f / lookup", "peak RSS", "counts"]
    widths = [max(len(str(x)) for x in col) for col in zip(headers, *rows)]
    print("  ".join(h.ljust(w) for h, w in zip(headers, widths)))
    print("  ".join("-" * w for w in widths))
    for row in rows:
        print("  ".join(str(x).ljust(w) for x, w in zip(row, widths)))
    print(f"\n{os.cpu_count()} CPUs, load average {load_start[0]:.2f} at start, {load_end[0]:.2f} at end;"
          f" {len(literals)} literals; wrote {args.out}")
    if failed:
        print("CHECK FAILED: " + "; ".join(failed), file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
