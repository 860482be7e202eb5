"""`kb build` killed with SIGKILL at random moments leaves Site/ and Content/ each either as the
previous build made it or as the new build makes it, complete, never a mix of files, never
missing; and what killed builds leave beside them is cleaned up by the next build.

Two template folders whose renders differ (A and B: a CSS comment, a word of the HTML footer and
of the Markdown pages) are rendered once each as references. Then builds alternate between them,
each killed after a random delay (seeded: KILL_SEED, default 20240305) or at a random moment
after it started writing, and the folders are compared byte for byte with both references.
Where a kill lands depends on timing and load; what each assertion checks holds wherever it lands.

Run from the repository root after `swift build`: python3 Tests/CLI/test_interrupted_build.py
The binary is $KB, or .build/debug/kb. KILL_ROUNDS (default 16) sets how many builds are killed.
"""
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Support"))
import kbtest  # noqa: E402

KB = os.environ.get("KB", ".build/debug/kb")
SEED = int(os.environ.get("KILL_SEED", "20240305"))
ROUNDS = int(os.environ.get("KILL_ROUNDS", "16"))


def read_tree(folder):
    """Every file below `folder` by relative path, with its bytes; None when it is missing."""
    if not os.path.isdir(folder):
        return None
    files = {}
    for root, _, names in os.walk(folder):
        for name in names:
            path = os.path.join(root, name)
            with open(path, "rb") as handle:
                files[os.path.relpath(path, folder)] = handle.read()
    return files


def build(templates, base, check=True):
    return subprocess.run(
        [KB, "build", "--templates", templates, "--site", os.path.join(base, "Site"),
         "--content", os.path.join(base, "Content")],
        capture_output=True, check=check, timeout=kbtest.HANG_SECONDS)


class InterruptedBuild(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.folder = tempfile.mkdtemp(prefix="kb-interrupted-")
        cls.templates = {}
        for variant in "AB":
            path = os.path.join(cls.folder, f"templates-{variant}")
            shutil.copytree("Templates", path)
            cls.templates[variant] = path
        b = cls.templates["B"]
        kbtest.edit(os.path.join(b, "assets", "style.css"), "No web fonts", "No web fonts (variant B)")
        kbtest.edit(os.path.join(b, "html", "_foot.mustache"), "Works offline.", "Works offline, always.")
        kbtest.edit(os.path.join(b, "md", "problem.mustache"), "Edit the catalogue, not",
             "Edit the catalogue only, not")
        cls.reference = {}
        for variant in "AB":
            base = os.path.join(cls.folder, f"reference-{variant}")
            os.mkdir(base)
            build(cls.templates[variant], base)
            cls.reference[variant] = {
                "Site": read_tree(os.path.join(base, "Site")),
                "Content": read_tree(os.path.join(base, "Content")),
            }
        for name in ["Site", "Content"]:
            if cls.reference["A"][name] == cls.reference["B"][name]:
                raise AssertionError(f"the two template folders render the same {name}/")

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.folder, ignore_errors=True)

    def state(self, base, name):
        """'A' or 'B' for the reference `base/name` equals, or a description of the damage."""
        tree = read_tree(os.path.join(base, name))
        if tree is None:
            return "missing"
        for variant in "AB":
            if tree == self.reference[variant][name]:
                return variant
        ref = self.reference["A"][name]
        missing = sorted(set(ref) - set(tree))[:3]
        extra = sorted(set(tree) - set(ref))[:3]
        differs = sorted(p for p in set(tree) & set(ref)
                         if tree[p] not in (self.reference["A"][name].get(p),
                                            self.reference["B"][name].get(p)))[:3]
        return f"neither A nor B (missing {missing}, extra {extra}, unlike both {differs})"

    def test_killed_builds_leave_old_or_new_output(self):
        base = os.path.join(self.folder, "work")
        os.mkdir(base)
        build(self.templates["A"], base)
        started = time.monotonic()
        build(self.templates["B"], base)
        duration = time.monotonic() - started
        build(self.templates["A"], base)
        generator = random.Random(SEED)
        outcomes = {"kept": 0, "replaced": 0, "one of two replaced": 0}
        leftovers_seen = 0
        for round_number in range(ROUNDS):
            current = self.state(base, "Site")
            self.assertIn(current, "AB")
            target = "B" if current == "A" else "A"
            process = subprocess.Popen(
                [KB, "build", "--templates", self.templates[target],
                 "--site", os.path.join(base, "Site"), "--content", os.path.join(base, "Content")],
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            if round_number % 2 == 0:
                # Anywhere in the run, start-up and rendering included.
                time.sleep(generator.uniform(0, duration * 1.1))
            else:
                # While it writes: once its staging folder appears, after a random short delay.
                staging = os.path.join(base, f".Site.new-{process.pid}")
                deadline = time.monotonic() + duration * 3 + 5
                while not os.path.exists(staging) and process.poll() is None \
                        and time.monotonic() < deadline:
                    time.sleep(0.0005)
                time.sleep(generator.uniform(0, min(0.2, duration / 2)))
            process.send_signal(signal.SIGKILL)
            process.wait()
            site, content = self.state(base, "Site"), self.state(base, "Content")
            self.assertIn(site, "AB", f"round {round_number}: Site/ is {site}")
            self.assertIn(content, "AB", f"round {round_number}: Content/ is {content}")
            if site == content == current:
                outcomes["kept"] += 1
            elif site == content == target:
                outcomes["replaced"] += 1
            else:
                # Both folders are written before either is swapped in, Site/ first: a kill
                # between the two swaps leaves Site/ new, Content/ old, and the new Content/
                # complete in its staging folder. How often a kill lands there depends on
                # timing; what it leaves does not. Start the next round from one build.
                outcomes["one of two replaced"] += 1
                self.assertEqual((site, content), (target, current),
                                 f"round {round_number}: Content/ was swapped in before Site/")
                staged = read_tree(os.path.join(base, f".Content.new-{process.pid}"))
                self.assertTrue(staged == self.reference[target]["Content"],
                                f"round {round_number}: Site/ was swapped in before Content/ was "
                                f"written in full")
                build(self.templates[site], base)
            leftovers = [n for n in os.listdir(base) if n.startswith(".")]
            leftovers_seen = max(leftovers_seen, len(leftovers))
            # Only the builds killed since the last one that reached its writing step may have
            # left something: never more than this round's build for each folder.
            self.assertLessEqual(len(leftovers), 2, f"round {round_number}: {sorted(leftovers)}")
        # A build that is not interrupted cleans up after the killed ones.
        build(self.templates["A"], base)
        self.assertEqual(self.state(base, "Site"), "A")
        self.assertEqual(self.state(base, "Content"), "A")
        self.assertEqual(sorted(os.listdir(base)), ["Content", "Site"])
        print(f"\n{ROUNDS} builds killed (one build takes {duration:.2f} s): {outcomes}; "
              f"at most {leftovers_seen} staging folders left at once", file=sys.stderr)


if __name__ == "__main__":
    kbtest.run_and_report()
