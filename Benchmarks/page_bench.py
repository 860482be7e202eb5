#!/usr/bin/env python3
"""The explain page reading a whole log beside lookup on the same file (make bench-page).

Generates (or reuses) a 100 MiB log in a real layout under Benchmarks/data/, opens
Site/explain.html from file:// in headless Chromium, gives it the file and times until the page
says it has read it all; then times `lookup --summary` on the same file, checks that both give
the same counts per problem, and writes Benchmarks/page-results.json.

Environment: LOOKUP (default: the release build), SIZE (bytes, default 100 MiB).
"""
import json
import os
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "Tests" / "Browser"))
import test_site as site  # noqa: E402  (the browser tests' driver and page helpers)

SIZE = int(os.environ.get("SIZE", str(100 << 20)))
DATA = REPO / "Benchmarks" / "data"


def main():
    DATA.mkdir(parents=True, exist_ok=True)
    log = DATA / f"page-{SIZE}.log"
    if not log.exists():
        subprocess.run([sys.executable, str(REPO / "Benchmarks" / "generate_logs.py"), "--size", str(SIZE),
                        "--seed", "2024", "--site", str(REPO / "Site"), "--out", str(log)], check=True)
    lookup = os.environ.get("LOOKUP") or subprocess.run(
        ["swift", "build", "-c", "release", "--show-bin-path"], cwd=REPO, capture_output=True,
        text=True, check=True).stdout.strip() + "/lookup"
    driver = site.browser()
    try:
        site.open_page(driver, "explain.html")
        started = time.monotonic()
        site.open_log(driver, log)
        page = site.read_groups(driver, timeout=1800)
        page_seconds = time.monotonic() - started
    finally:
        site.tearDownModule()
    started = time.monotonic()
    run = subprocess.run([lookup, "--summary", "--json", "--file", str(log)], capture_output=True, text=True)
    lookup_seconds = time.monotonic() - started
    expected = json.loads(run.stdout)
    same = [(g["problem"], g["count"]) for g in page["groups"]] == [
        (p["problem"], p["count"]) for p in expected["problems"]]
    result = {
        "bytes": log.stat().st_size,
        "page_seconds": round(page_seconds, 2),
        "lookup_seconds": round(lookup_seconds, 3),
        "ratio_page_to_lookup": round(page_seconds / lookup_seconds, 1),
        "page_mb_per_s": round(log.stat().st_size / 1e6 / page_seconds, 1),
        "same_counts": same,
        "state": page["state"],
    }
    (REPO / "Benchmarks" / "page-results.json").write_text(json.dumps(result, indent=2) + "\n")
    print(f"explain page: {result['bytes']} bytes in {result['page_seconds']} s "
          f"({result['page_mb_per_s']} MB/s); lookup --summary: {result['lookup_seconds']} s; "
          f"page/lookup {result['ratio_page_to_lookup']}x; same counts: {same}")
    return 0 if same and page["state"] == "done" else 1


if __name__ == "__main__":
    sys.exit(main())
