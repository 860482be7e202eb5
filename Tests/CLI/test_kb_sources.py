"""`kb check` against the problem files, and `kb new-problem`, on copies of the checkout's
problem sources (`Sources/Catalogue/Problems` and `Tests/CatalogueTests/pinned-ids.txt`) in a
temporary folder given as `--package-root`; the checkout itself is never edited.

`kb check` names a problem file that is not registered, registered twice or not pinned, and says
what to do; with no problem sources (an installed kb) it skips that check. `kb new-problem`
writes the file, registers it and pins its id, and refuses a taken id or an unknown category.

Run from the repository root after `swift build --product kb`: python3 Tests/CLI/test_kb_sources.py
The binary is $KB, or .build/debug/kb.
"""
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Support"))
import kbtest  # noqa: E402

KB = os.path.abspath(os.environ.get("KB", os.path.join(kbtest.ROOT, ".build", "debug", "kb")))
PROBLEMS = os.path.join("Sources", "Catalogue", "Problems")
REGISTRY = os.path.join(PROBLEMS, "Registry.swift")
PINNED = os.path.join("Tests", "CatalogueTests", "pinned-ids.txt")


def kb(*args):
    """Runs kb at the repository root (for Templates/, Content/ and Site/)."""
    return subprocess.run([KB, *args], cwd=kbtest.ROOT, capture_output=True, text=True, timeout=600)


def read(path):
    with open(path, encoding="utf-8") as handle:
        return handle.read()


class ProblemSources(unittest.TestCase):
    def setUp(self):
        self.root = tempfile.mkdtemp(prefix="kb-sources-")
        self.addCleanup(shutil.rmtree, self.root)
        shutil.copytree(os.path.join(kbtest.ROOT, PROBLEMS), os.path.join(self.root, PROBLEMS))
        os.makedirs(os.path.dirname(os.path.join(self.root, PINNED)))
        shutil.copy(os.path.join(kbtest.ROOT, PINNED), os.path.join(self.root, PINNED))

    def path(self, relative):
        return os.path.join(self.root, relative)

    def test_the_copy_is_clean(self):
        result = kb("check", "--package-root", self.root)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("up to date", result.stdout)

    def test_unregistered_twice_registered_and_unpinned_files_are_named(self):
        kbtest.edit(self.path(REGISTRY), "    .xsrfCheckFailed,\n", "")
        kbtest.edit(self.path(REGISTRY), "    .tokenUsed,\n", "    .tokenUsed,\n    .tokenUsed,\n")
        kbtest.edit(self.path(PINNED), "problem nonce_used\n", "")
        result = kb("check", "--package-root", self.root)
        self.assertEqual(result.returncode, 1, result.stdout)
        lines = result.stderr.splitlines()
        self.assertIn(
            "Sources/Catalogue/Problems/nonce_used.swift: problem nonce_used is not pinned; add the line "
            "'problem nonce_used' to Tests/CatalogueTests/pinned-ids.txt (ids are public: a pinned line "
            "is never removed)", lines)
        self.assertTrue(any(
            line.startswith("Sources/Catalogue/Problems/token_used.swift: problem token_used is "
                            "registered 2 times, on lines ") for line in lines), lines)
        self.assertIn(
            "Sources/Catalogue/Problems/xsrf_check_failed.swift: problem xsrf_check_failed is not "
            "registered; add '.xsrfCheckFailed,' to Problem.registered in "
            "Sources/Catalogue/Problems/Registry.swift, at its place in the priority order (the end "
            "unless it must win ties); kb new-problem does this for a new problem", lines)
        self.assertEqual(lines[-1], "kb check: 3 problem(s)")

    def test_without_problem_sources_the_check_is_skipped(self):
        result = kb("check", "--package-root", os.path.join(self.root, "Tests"))
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(result.stderr, "")

    def test_new_problem_writes_registers_and_pins(self):
        registry = read(self.path(REGISTRY))
        pinned = read(self.path(PINNED))
        result = kb("new-problem", "demo_failure", "--category", "network-and-tls",
                    "--after", "tls_handshake_failed", "--package-root", self.root)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("wrote Sources/Catalogue/Problems/demo_failure.swift", result.stdout)
        written = read(self.path(os.path.join(PROBLEMS, "demo_failure.swift")))
        self.assertIn('  static let demoFailure = Problem(\n', written)
        self.assertIn('    category: .networkAndTLS,\n', written)
        self.assertIn("<#", written)
        self.assertEqual(read(self.path(REGISTRY)), registry.replace(
            "    .tlsHandshakeFailed,\n", "    .tlsHandshakeFailed,\n    .demoFailure,\n"))
        self.assertEqual(read(self.path(PINNED)), pinned + "problem demo_failure\n")
        # This kb was built without the new file: the check says so instead of passing.
        result = kb("check", "--package-root", self.root)
        self.assertEqual(result.returncode, 1)
        self.assertIn("the catalogue's problems are not Problem.registered", result.stderr)
        self.assertIn("rebuild kb", result.stderr)

    def test_new_problem_refuses_and_writes_nothing(self):
        before = {name: read(self.path(os.path.join(PROBLEMS, name)))
                  for name in os.listdir(self.path(PROBLEMS))}
        pinned = read(self.path(PINNED))
        for args, message in [
            (["token_used", "--category", "oauth2"], "exists already"),
            (["Token", "--category", "oauth2"], "is not a problem id"),
            (["demo_failure", "--category", "tls"], "unknown category 'tls'; choose one of:\n"),
            (["demo_failure", "--category", "oauth2", "--after", "nope"], "--after nope: "),
        ]:
            with self.subTest(args=args):
                result = kb("new-problem", *args, "--package-root", self.root)
                self.assertEqual(result.returncode, 1, result.stdout)
                self.assertIn(message, result.stderr)
        after = {name: read(self.path(os.path.join(PROBLEMS, name)))
                 for name in os.listdir(self.path(PROBLEMS))}
        self.assertEqual(after, before)
        self.assertEqual(read(self.path(PINNED)), pinned)


if __name__ == "__main__":
    kbtest.run_and_report()
