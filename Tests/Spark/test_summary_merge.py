#!/usr/bin/env python3
"""The Spark job's summary (Integrations/spark/lookup_spark.py: `summarise`, which merges the
summaries of lookup's runs, and `tally`, which counts the findings of a problem past its cap)
on every case of Site/summary-tests.json, without Spark: a pure function of the runs' records.

Each case's findings are cut into runs as the job's tasks would give them (one run per finding,
runs of a few findings, one run of all), each run's summary made as lookup makes it (a run of
one finding is written out; a longer run is merged from runs of one finding, with its tallies
for a problem past the cap, as `results` keeps them), and the merge of the runs must give the
case's problems, with the cap lookup reports (the rule set's summary_max_links).
"""
import os
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Support"))
import kbtest  # noqa: E402

sys.path.insert(0, os.path.join(kbtest.ROOT, "Integrations", "spark"))
import lookup_spark  # noqa: E402


def place(finding):
    fields = finding["fields"]
    return {"source": finding["source"], "line": finding["line"],
            **({"log_time": fields["log_time"]} if "log_time" in fields else {})}


def single_run(index, finding, names, cap):
    """The record of a lookup run that found `finding` alone."""
    link = finding["fields"].get("link")
    problem = dict(names[finding["problem"]], problem=finding["problem"], count=1, first=place(finding),
                   last=place(finding), example=finding["text"],
                   links=[dict(({"link": link} if link is not None else {}), count=1,
                               first=place(finding), last=place(finding))])
    return (index, 0, {"problems": [problem], "lines": 1, "bytes": 0}, [finding["source"]], {}, [], cap)


def run_of(index, findings, names, cap):
    """The record of a lookup run that found `findings`: its summary merged from runs of one
    finding, its sources in order of first appearance, its tallies for a problem past the cap."""
    summary = lookup_spark.summarise([single_run(i, f, names, cap) for i, f in enumerate(findings)])
    sources = []
    for finding in findings:
        if finding["source"] not in sources:
            sources.append(finding["source"])
    capped = {p["problem"] for p in summary["problems"] if p.get("other_links")}
    tallies = {}
    for finding in findings:
        if finding["problem"] in capped:
            lookup_spark.tally(finding, tallies)
    return (index, 0, summary, sources,
            {problem: [t for (p, _), t in tallies.items() if p == problem] for problem in capped}, [], cap)


class SummaryVectors(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.vectors = kbtest.load_summary_vectors()
        cls.cap = cls.vectors["summary_max_links"]

    def check(self, cut):
        self.assertGreaterEqual(len(self.vectors["cases"]), 7)
        for case in self.vectors["cases"]:
            with self.subTest(case=case["id"], cut=cut):
                names = {p["problem"]: {"title": p["title"], "category": p["category"]} for p in case["problems"]}
                findings = case["findings"]
                runs = [run_of(i, findings[start:start + cut], names, self.cap)
                        for i, start in enumerate(range(0, len(findings), cut))]
                merged = lookup_spark.summarise(runs)
                self.assertEqual(merged["problems"], case["problems"])

    def test_one_run_per_finding(self):
        self.check(1)

    def test_runs_of_a_few_findings(self):
        for cut in (2, 7, 40):
            self.check(cut)

    def test_one_run_of_all(self):
        self.check(1 << 30)

    def test_runs_with_different_caps_are_refused(self):
        finding = self.vectors["cases"][0]["findings"][0]
        names = {finding["problem"]: {"title": "", "category": ""}}
        with self.assertRaises(RuntimeError):
            lookup_spark.summarise([single_run(0, finding, names, 100), single_run(1, finding, names, 5)])


if __name__ == "__main__":
    sys.exit(kbtest.run_and_report(sys.argv[1:]))
