#!/usr/bin/env python3
"""The corpus of real lines through `lookup`: every failure line is explained as the problem it
is labelled with and no other, every negative gives nothing; prints recall per problem and per
category.

Run from the repository root after building lookup: python3 Tests/Corpus/test_corpus.py
The binary is $LOOKUP, or .build/debug/lookup.
"""
import json
import os
import sys
import tempfile
import unittest
from collections import defaultdict

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Support"))
import kbtest  # noqa: E402

MIN_FAILURE_LINES = 150
MIN_NEGATIVES = 60


def explain_entries(entries):
    """lookup's problems for each entry (its line and continuation lines), in one run."""
    texts = [[e["line"]] + e.get("continuation", []) for e in entries]
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "corpus.txt")
        spans = []
        with open(path, "w", encoding="utf-8", newline="") as handle:
            number = 0
            for lines in texts:
                spans.append((number + 1, number + len(lines)))
                number += len(lines)
                handle.write("".join(line + "\n" for line in lines))
        findings = kbtest.lookup_findings(path)
    by_line = defaultdict(list)
    for finding in findings:
        by_line[finding["line"]].append(finding["problem"])
    return [[p for n in range(first, last + 1) for p in by_line[n]] for first, last in spans]


class Corpus(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.entries = kbtest.corpus_lines()
        cls.problems = explain_entries(cls.entries)
        rules = kbtest.load_json(os.path.join(kbtest.SITE, "rules.json"))
        cls.categories = {p["id"]: p["category_title"] for p in rules["problems"]}

    def test_the_corpus_is_large_enough(self):
        failures = [e for e in self.entries if e["expect"]]
        negatives = [e for e in self.entries if not e["expect"]]
        self.assertGreaterEqual(len(failures), MIN_FAILURE_LINES)
        self.assertGreaterEqual(len(negatives), MIN_NEGATIVES)
        for entry in self.entries:
            with self.subTest(line=entry["line"][:80]):
                self.assertTrue(entry.get("source"), "every line names its source")
                if entry["expect"]:
                    self.assertIn(entry["expect"], self.categories, "the label is a problem id")

    def test_every_line_is_explained_as_labelled(self):
        for entry, problems in zip(self.entries, self.problems):
            with self.subTest(source=entry["source"], line=entry["line"][:120]):
                if entry["expect"]:
                    self.assertTrue(problems, "not explained")
                    self.assertEqual(set(problems), {entry["expect"]})
                else:
                    self.assertEqual(problems, [], "a negative gave findings")


def print_recall():
    entries = kbtest.corpus_lines()
    problems = explain_entries(entries)
    rules = kbtest.load_json(os.path.join(kbtest.SITE, "rules.json"))
    category = {p["id"]: p["category_title"] for p in rules["problems"]}
    per_problem = defaultdict(lambda: [0, 0])
    per_category = defaultdict(lambda: [0, 0])
    false_alarms = negatives = 0
    for entry, found in zip(entries, problems):
        if entry["expect"] is None:
            negatives += 1
            false_alarms += bool(found)
            continue
        right = set(found) == {entry["expect"]}
        for table, key in ((per_problem, entry["expect"]), (per_category, category.get(entry["expect"], "?"))):
            table[key][0] += right
            table[key][1] += 1
    print("recall on the corpus of real lines, per problem:")
    for key, (right, total) in sorted(per_problem.items(), key=lambda kv: (category.get(kv[0], ""), kv[0])):
        print("  %-36s %3d/%-3d %5.1f%%" % (key, right, total, 100.0 * right / total))
    print("per category:")
    for key, (right, total) in sorted(per_category.items()):
        print("  %-44s %3d/%-3d %5.1f%%" % (key, right, total, 100.0 * right / total))
    right = sum(r for r, _ in per_problem.values())
    total = sum(t for _, t in per_problem.values())
    print("all: %d/%d failure lines explained as labelled; %d of %d negatives gave a finding"
          % (right, total, false_alarms, negatives))


if __name__ == "__main__":
    kbtest.run_and_report(before_closing=print_recall)
