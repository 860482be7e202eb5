#!/usr/bin/env python3
"""Checks the relative links of the repository's Markdown documentation (`make docs-check`).

Every relative link in README.md, docs/*.md, CONTRIBUTING.md, Benchmarks/README.md,
Tests/Corpus/README.md and Integrations/**/README.md must name a file or folder that exists;
a link with a `#fragment` into a Markdown file (or within the same file) must name one of its
headings, by GitHub's rules for heading anchors. External links (http:, https:, mailto: and
any other scheme) are not fetched. Links inside code spans and fenced code blocks are not links.

    python3 Tests/Docs/check_links.py [--root DIR] [FILE ...]

Prints `FILE:LINE: ...` for each broken link and exits with 1 when there is one, else prints
how many links it checked and exits with 0. Standard library only.
"""

import argparse
import glob
import os
import re
import sys
import urllib.parse

# The documentation whose links are checked, relative to the repository's root.
DOCUMENTS = [
    "README.md",
    "docs/*.md",
    "CONTRIBUTING.md",
    "Benchmarks/README.md",
    "Tests/Corpus/README.md",
    "Integrations/**/README.md",
]

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(`+)(.+?)\1")
# [text](target "title"), ![alt](target); the text may hold one level of brackets.
_INLINE_LINK = re.compile(r"!?\[(?:[^\[\]]|\[[^\[\]]*\])*\]\(\s*(<[^>\n]*>|[^\s()]*(?:\([^\s()]*\)[^\s()]*)*)"
                          r"(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^)]*\)))?\s*\)")
_REFERENCE = re.compile(r"^ {0,3}\[[^\]]+\]:\s*(<[^>]*>|\S+)")
_ATX_HEADING = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_SETEXT_UNDERLINE = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_HTML_ANCHOR = re.compile(r"<a\s[^>]*\b(?:name|id)\s*=\s*[\"']([^\"']+)[\"']", re.IGNORECASE)
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def documents(root):
    """The files to check under `root`, sorted, each once."""
    found = set()
    for pattern in DOCUMENTS:
        for path in glob.glob(os.path.join(root, pattern), recursive=True):
            if os.path.isfile(path):
                found.add(os.path.normpath(path))
    return sorted(found)


def _without_code_spans(line):
    """`line` with each code span blanked (same length, so columns stay)."""
    return _CODE_SPAN.sub(lambda m: " " * len(m.group(0)), line)


def prose_lines(text, blank_code_spans=True):
    """(line number, line) of the lines outside fenced code blocks, code spans blanked unless
    `blank_code_spans` is false."""
    fence = None
    for number, line in enumerate(text.split("\n"), start=1):
        opened = _FENCE.match(line)
        if fence is not None:
            if opened and opened.group(1)[0] == fence[0] and len(opened.group(1)) >= len(fence) \
                    and not line.strip()[len(opened.group(1)):].strip():
                fence = None
            continue
        if opened:
            fence = opened.group(1)
            continue
        yield number, _without_code_spans(line) if blank_code_spans else line


def heading_text(markdown):
    """The text GitHub renders for a heading's Markdown: code spans keep their content, links and
    images their text, emphasis markers and HTML tags go."""
    text = _CODE_SPAN.sub(lambda m: m.group(2).strip(), markdown)
    text = re.sub(r"!?\[((?:[^\[\]]|\[[^\[\]]*\])*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"<[^>]+>", "", text)
    text = re.sub(r"(\*+|(?<![A-Za-z0-9])_+|_+(?![A-Za-z0-9]))", "", text)
    return text.strip()


def slug(text):
    """GitHub's anchor for a heading's rendered text (as github-slugger makes it): lower case,
    punctuation and symbols removed (letters, digits, `_`, `-` and spaces stay), each space a
    hyphen."""
    text = text.lower()
    text = "".join(c for c in text if c.isalnum() or c in "_- ")
    return text.replace(" ", "-")


def anchors(text):
    """Every anchor of a Markdown text: its headings' slugs (a repeated slug gets -1, -2...)
    and the names and ids of its HTML anchors."""
    found = set()
    counts = {}
    previous = None

    def add(heading):
        base = slug(heading_text(heading))
        name = base
        if base in counts:
            counts[base] += 1
            name = "%s-%d" % (base, counts[base])
        else:
            counts[base] = 0
        found.add(name)

    for _, line in prose_lines(text, blank_code_spans=False):
        found.update(_HTML_ANCHOR.findall(_without_code_spans(line)))
        atx = _ATX_HEADING.match(line)
        if atx:
            add(atx.group(2) or "")
            previous = None
            continue
        if previous is not None and previous.strip() and _SETEXT_UNDERLINE.match(line) \
                and not previous.startswith((" " * 4, "\t")) and not _ATX_HEADING.match(previous):
            add(previous.strip())
            previous = None
            continue
        previous = line
    return found


def links(text):
    """(line number, target) of every link in a Markdown text, outside code."""
    for number, line in prose_lines(text):
        for match in _INLINE_LINK.finditer(line):
            yield number, match.group(1)
        reference = _REFERENCE.match(line)
        if reference:
            yield number, reference.group(1)


def check_file(path, root, anchor_cache):
    """The problems of one file's links, as (line, message); and how many links it checked."""
    with open(path, encoding="utf-8") as handle:
        text = handle.read()
    problems = []
    checked = 0
    for number, target in links(text):
        target = target[1:-1] if target.startswith("<") and target.endswith(">") else target
        if not target or _SCHEME.match(target) or target.startswith("//"):
            continue
        checked += 1
        location, _, fragment = target.partition("#")
        location = urllib.parse.unquote(location)
        fragment = urllib.parse.unquote(fragment)
        if location.startswith("/"):
            resolved = os.path.join(root, location.lstrip("/"))
        elif location:
            resolved = os.path.join(os.path.dirname(path), location)
        else:
            resolved = path
        resolved = os.path.normpath(resolved)
        if not os.path.exists(resolved):
            problems.append((number, "%s: no such file or folder (%s)" % (target, os.path.relpath(resolved, root))))
            continue
        if fragment and os.path.isfile(resolved) and resolved.lower().endswith(".md"):
            if resolved not in anchor_cache:
                with open(resolved, encoding="utf-8") as handle:
                    anchor_cache[resolved] = anchors(handle.read())
            if fragment not in anchor_cache[resolved]:
                problems.append((number, "%s: no heading with the anchor #%s in %s"
                                 % (target, fragment, os.path.relpath(resolved, root))))
    return problems, checked


def check(root, paths=None, out=None):
    """Checks `paths` (default: the documentation under `root`); prints each problem as
    FILE:LINE: message (to `out`, default standard output) and returns how many there were."""
    out = out or sys.stdout
    root = os.path.abspath(root)
    paths = [os.path.abspath(p) for p in paths] if paths else documents(root)
    anchor_cache = {}
    problems = 0
    checked = 0
    for path in paths:
        found, count = check_file(path, root, anchor_cache)
        checked += count
        for number, message in found:
            out.write("%s:%d: broken link %s\n" % (os.path.relpath(path, root), number, message))
        problems += len(found)
    if problems:
        out.write("%d broken links in %d files\n" % (problems, len(paths)))
    else:
        out.write("%d relative links in %d files resolve\n" % (checked, len(paths)))
    return problems


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--root", default=os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))),
                        help="the repository's root (default: the one holding this script)")
    parser.add_argument("files", nargs="*", help="Markdown files to check (default: the documentation)")
    arguments = parser.parse_args(argv)
    return 1 if check(arguments.root, arguments.files) else 0


if __name__ == "__main__":
    sys.exit(main())
