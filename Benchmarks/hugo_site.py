#!/usr/bin/env python3
"""Makes a minimal Hugo site from the Markdown problem pages that `kb-bench` wrote.

    python3 Benchmarks/hugo_site.py --pages WORK/synth/Content/problems --out WORK/hugo

Each page keeps its text; its `# Title` becomes the front matter title and the generated-by
comment is dropped (Hugo leaves raw HTML out anyway). One layout for single pages and one for
lists (the home page lists every page, like the index page of the help site); taxonomies, RSS,
the sitemap and robots.txt are off because the help site has none of them.
"""

import argparse
import json
import shutil
from pathlib import Path

CONFIG = """baseURL = "https://kb.example.invalid/"
languageCode = "en"
title = "AppLinks OAuth troubleshooting"
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]
"""

SINGLE = """<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body>
<main>
{{ .Content }}
</main>
</body>
</html>
"""

LIST = """<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body>
<h1>{{ .Title }}</h1>
<ul>
{{ range .RegularPagesRecursive }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>
{{ end }}</ul>
</body>
</html>
"""


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=Path, required=True, help="folder of <id>.md pages")
    parser.add_argument("--out", type=Path, required=True, help="the Hugo site to create")
    args = parser.parse_args()
    if args.out.exists():
        shutil.rmtree(args.out)
    (args.out / "layouts" / "_default").mkdir(parents=True)
    (args.out / "content" / "problems").mkdir(parents=True)
    (args.out / "config.toml").write_text(CONFIG, encoding="utf-8")
    (args.out / "layouts" / "_default" / "single.html").write_text(SINGLE, encoding="utf-8")
    (args.out / "layouts" / "_default" / "list.html").write_text(LIST, encoding="utf-8")
    count = 0
    for page in sorted(args.pages.glob("*.md")):
        lines = page.read_text(encoding="utf-8").split("\n")
        lines = [line for line in lines if not line.startswith("<!-- Generated")]
        while lines and not lines[0].strip():
            lines.pop(0)
        title = page.stem
        if lines and lines[0].startswith("# "):
            title = lines.pop(0)[2:].strip()
        front = "---\ntitle: " + json.dumps(title) + "\n---\n"
        (args.out / "content" / "problems" / page.name).write_text(
            front + "\n".join(lines), encoding="utf-8")
        count += 1
    print(f"hugo site with {count} pages in {args.out}")


if __name__ == "__main__":
    main()
