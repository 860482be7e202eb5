#!/usr/bin/env python3
"""The corpus of real lines through `lookup`: every failure line is explained as the problem it
is labelled with (the strongest finding of its entry; a line may name a known `gap`), every negative gives
nothing; prints recall per problem, per category and per basis (the layer that recognised it).

Run from the repository root after building lookup: python3 Tests/Corpus/test_corpus.py
The binary is $LOOKUP, or .build/debug/lookup; it reads its built-in rules, or $RULES (a rules.json,
for example Site/rules.json before lookup is rebuilt with it) when that is set.

With --measure FILE it only prints those figures for another file of the same format (the
held-back part of a research batch, measured once before its lines join the corpus).
"""
import os
import sys
import tempfile
import unittest
from collections import defaultdict

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Support"))
import kbtest  # noqa: E402

MIN_FAILURE_LINES = 450
MIN_NEGATIVES = 180
BASES = ["code", "exception", "status", "wording"]


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
        findings = kbtest.lookup_findings(path, os.environ.get("RULES"))
    by_line = defaultdict(list)
    for finding in findings:
        by_line[finding["line"]].append((finding["problem"], finding["basis"]))
    return [[p for n in range(first, last + 1) for p in by_line[n]] for first, last in spans]


def answer(found):
    """The entry's answer: its finding of the strongest basis, the first on a tie (as one line
    gets the answer of its strongest rule); None when nothing was found."""
    if not found:
        return None
    return min(enumerate(found), key=lambda item: (BASES.index(item[1][1]), item[0]))[1]


class Corpus(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.entries = kbtest.corpus_lines()
        cls.found = explain_entries(cls.entries)
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
        """Each entry's answer, its strongest finding, is its label; a known gap may give none."""
        for entry, found in zip(self.entries, self.found):
            best = answer(found)
            with self.subTest(source=entry["source"], line=entry["line"][:120]):
                if entry["expect"] and entry.get("gap"):
                    # A known gap says why; it must not hide a wrong answer.
                    self.assertIn(best and best[0], (None, entry["expect"]), "a gap explained as another problem")
                elif entry["expect"]:
                    self.assertTrue(found, "not explained")
                    self.assertEqual(best[0], entry["expect"])
                else:
                    self.assertEqual(found, [], "a negative gave findings")


def print_recall(path=kbtest.CORPUS):
    entries = kbtest.corpus_lines(path)
    explained = explain_entries(entries)
    rules = kbtest.load_json(os.path.join(kbtest.SITE, "rules.json"))
    category = {p["id"]: p["category_title"] for p in rules["problems"]}
    per_problem = defaultdict(lambda: [0, 0])
    per_category = defaultdict(lambda: [0, 0])
    per_basis = defaultdict(int)
    wrong = 0
    false_alarms = negatives = 0
    for entry, found in zip(entries, explained):
        if entry["expect"] is None:
            negatives += 1
            false_alarms += bool(found)
            continue
        best = answer(found)
        right = best is not None and best[0] == entry["expect"]
        wrong += best is not None and not right
        if right:
            per_basis[best[1]] += 1
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
    print("per basis (the layer of the strongest finding of each line explained as labelled):")
    for basis in BASES:
        print("  %-10s %3d/%-3d %5.1f%%" % (basis, per_basis[basis], total, 100.0 * per_basis[basis] / max(total, 1)))
    print("all: %d/%d failure lines explained as labelled (%.1f%%), %d explained as another problem; "
          "%d of %d negatives gave a finding"
          % (right, total, 100.0 * right / max(total, 1), wrong, false_alarms, negatives))


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--measure":
        print_recall(sys.argv[2])
    else:
        kbtest.run_and_report(before_closing=print_recall)
