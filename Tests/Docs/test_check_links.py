#!/usr/bin/env python3
"""Tests of Tests/Docs/check_links.py (the link check of `make docs-check`) on small made-up
repositories: a broken link or anchor is reported with its file and line, and only those are.

    python3 Tests/Docs/test_check_links.py
"""

import io
import os
import sys
import tempfile
import textwrap
import unittest

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import check_links  # noqa: E402


class Repository:
    """A temporary repository of Markdown files: {relative path: text}."""

    def __init__(self, files):
        self.folder = tempfile.TemporaryDirectory()
        self.root = self.folder.name
        for path, text in files.items():
            full = os.path.join(self.root, path)
            os.makedirs(os.path.dirname(full), exist_ok=True)
            with open(full, "w", encoding="utf-8") as handle:
                handle.write(textwrap.dedent(text).lstrip("\n"))

    def check(self):
        """(number of problems, printed lines)."""
        out = io.StringIO()
        problems = check_links.check(self.root, out=out)
        return problems, out.getvalue().splitlines()

    def close(self):
        self.folder.cleanup()


class LinkCheck(unittest.TestCase):
    def repository(self, files):
        repository = Repository(files)
        self.addCleanup(repository.close)
        return repository

    def test_a_missing_file_is_reported_with_its_file_and_line(self):
        repository = self.repository({
            "README.md": """
                # Title

                See [the guide](docs/guide.md) and [nothing](docs/missing.md).
                """,
            "docs/guide.md": "# Guide\n\nBack to the [README](../README.md).\n",
        })
        problems, printed = repository.check()
        self.assertEqual(problems, 1)
        self.assertEqual(printed[0],
                         "README.md:3: broken link docs/missing.md: no such file or folder (docs/missing.md)")
        self.assertEqual(printed[-1], "1 broken links in 2 files")

    def test_a_missing_anchor_is_reported_with_its_file_and_line(self):
        repository = self.repository({
            "README.md": "# Title\n",
            "docs/a.md": """
                # A

                ## Probe a link from outside: `lookup probe`

                [ok](#probe-a-link-from-outside-lookup-probe), [ok too](../README.md#title)
                [wrong](../README.md#no-such-heading)
                """,
        })
        problems, printed = repository.check()
        self.assertEqual(problems, 1)
        self.assertEqual(printed[0], "docs/a.md:6: broken link ../README.md#no-such-heading: "
                                     "no heading with the anchor #no-such-heading in README.md")

    def test_every_document_of_the_list_is_checked_and_no_other(self):
        broken = "[x](nowhere.md)\n"
        repository = self.repository({
            "README.md": broken, "docs/a.md": broken, "CONTRIBUTING.md": broken,
            "Benchmarks/README.md": broken, "Tests/Corpus/README.md": broken,
            "Integrations/python/README.md": broken, "Integrations/spark/deep/README.md": broken,
            "Tests/Other/README.md": broken, "docs/notes.txt": broken,
        })
        problems, printed = repository.check()
        self.assertEqual(problems, 7)
        self.assertEqual(sorted(line.split(":")[0] for line in printed[:-1]), [
            "Benchmarks/README.md", "CONTRIBUTING.md", "Integrations/python/README.md",
            "Integrations/spark/deep/README.md", "README.md", "Tests/Corpus/README.md", "docs/a.md"])

    def test_external_links_and_code_are_not_checked(self):
        repository = self.repository({
            "README.md": """
                [web](https://example.com/nowhere.md) [mail](mailto:a@example.com) <https://example.com>
                `[code](nowhere.md)` and

                ```sh
                [fenced](nowhere.md)
                ```

                    # not a heading inside an indented block is still text here
                """,
        })
        self.assertEqual(repository.check()[0], 0)

    def test_folders_titles_references_images_and_encoded_names_resolve(self):
        repository = self.repository({
            "README.md": """
                [folder](docs/) [titled](docs/a%20b.md "A title") ![image](docs/a%20b.md)
                [angle](<docs/a b.md>) [root](/docs/a%20b.md) [ref][r]

                [r]: docs/a%20b.md#section
                """,
            "docs/a b.md": "Section\n-------\n",
        })
        self.assertEqual(repository.check(), (0, ["6 relative links in 2 files resolve"]))

    def test_anchors_follow_githubs_rules(self):
        anchors = check_links.anchors(textwrap.dedent("""
            # Build cost of `lookup probe`'s libraries
            ## The Spark job (`make bench-spark`)
            ## Repeated
            ## Repeated
            ## **Bold** and [a link](x.md) and <span>html</span>
            ## Dates: 2026-12-02, 3.5 %, `snake_case`
            Setext heading
            ==============
            <a id="custom"></a>
            ```
            # inside a fence
            ```
            """))
        self.assertEqual(anchors, {
            "build-cost-of-lookup-probes-libraries", "the-spark-job-make-bench-spark", "repeated",
            "repeated-1", "bold-and-a-link-and-html", "dates-2026-12-02-35--snake_case",
            "setext-heading", "custom"})

    def test_the_command_exits_1_on_a_broken_link(self):
        repository = self.repository({"README.md": "[x](nowhere.md)\n"})
        stdout = sys.stdout
        sys.stdout = io.StringIO()
        try:
            self.assertEqual(check_links.main(["--root", repository.root]), 1)
            self.assertIn("README.md:1: broken link nowhere.md", sys.stdout.getvalue())
            with open(os.path.join(repository.root, "nowhere.md"), "w", encoding="utf-8"):
                pass
            self.assertEqual(check_links.main(["--root", repository.root]), 0)
        finally:
            sys.stdout = stdout


if __name__ == "__main__":
    unittest.main()
