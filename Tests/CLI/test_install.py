"""make install and make uninstall into a temporary DESTDIR, and the installed commands.

Run from the repository root: python3 Tests/CLI/test_install.py (make install-tests, part of
make test). It runs `make install BUILD=debug`: the debug builds that make test has made
already (swift build), so that no release build is needed, above all none of lookup-probe and
its TLS stack. The layout, the manual pages and the completion scripts are the same as in
release; the man pages come from swift-argument-parser's generate-manual plugin on the debug
builds. $SWIFT and $SWIFT_FLAGS are passed on to make; $MAKE is make.
"""
import filecmp
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
MAKE = os.environ.get("MAKE", "make")
PREFIX = "/usr"
COMMANDS = ["lookup", "lookup-probe", "kb"]
COMPLETED = ["lookup", "kb"]
# Present before the install, in folders the install shares: they and their folders stay.
OTHERS = ["usr/bin/other-tool", "usr/share/man/man1/other-tool.1"]
LINE = "oauth_problem=signature_invalid"
PAGE = "problems/signature_invalid.html"

state = {}


def make(*args):
    variables = [f"{name}={os.environ[name]}" for name in ("SWIFT", "SWIFT_FLAGS") if os.environ.get(name)]
    return subprocess.run(
        [MAKE, "--no-print-directory", "-C", ROOT, *args, *variables,
         f"DESTDIR={state['destdir']}", f"PREFIX={PREFIX}"],
        capture_output=True, text=True,
    )


def expected_files():
    """Every file make install puts under the prefix, as paths under DESTDIR."""
    files = [f"usr/bin/{command}" for command in COMMANDS]
    files += [f"usr/share/man/man1/{command}.1" for command in COMMANDS]
    for command in COMPLETED:
        files += [
            f"usr/share/bash-completion/completions/{command}",
            f"usr/share/zsh/site-functions/_{command}",
            f"usr/share/fish/vendor_completions.d/{command}.fish",
        ]
    for folder, _, names in os.walk(os.path.join(ROOT, "Site")):
        relative = os.path.relpath(folder, os.path.join(ROOT, "Site"))
        files += [os.path.normpath(os.path.join("usr/share/applinkskb/site", relative, name)) for name in names]
    return sorted(files + ["usr/share/applinkskb/install-manifest"])


def tree(base):
    """The files and the folders under base, as relative paths."""
    files, folders = [], []
    for folder, subfolders, names in os.walk(base):
        relative = os.path.relpath(folder, base)
        folders += [os.path.normpath(os.path.join(relative, name)) for name in subfolders]
        files += [os.path.normpath(os.path.join(relative, name)) for name in names]
    return sorted(files), sorted(folders)


def installed(path):
    return os.path.join(state["destdir"], path)


def setUpModule():
    state["base"] = tempfile.mkdtemp(prefix="install-test-")
    state["destdir"] = os.path.join(state["base"], "dest")
    for other in OTHERS:
        os.makedirs(os.path.dirname(installed(other)), exist_ok=True)
        with open(installed(other), "w", encoding="utf-8") as handle:
            handle.write("not ours\n")
    result = make("install", "BUILD=debug")
    if result.returncode != 0:
        sys.stderr.write(result.stdout + result.stderr)
        raise AssertionError(f"make install exited with {result.returncode}")
    state["install output"] = result.stdout


def tearDownModule():
    shutil.rmtree(state["base"], ignore_errors=True)


class Installed(unittest.TestCase):
    """What make install leaves, and the installed commands run from outside the checkout."""

    def run_installed(self, *args, cwd=None):
        # Only system folders on the PATH: lookup probe must find lookup-probe beside lookup.
        environment = {"PATH": "/usr/bin:/bin", "LC_ALL": "C.UTF-8", "HOME": state["base"]}
        outside = cwd or os.path.join(state["base"], "elsewhere")
        os.makedirs(outside, exist_ok=True)
        return subprocess.run(
            [installed("usr/bin/lookup"), *args], cwd=outside, env=environment,
            capture_output=True, text=True, timeout=60,
        )

    def test_every_file_is_installed_and_listed_in_the_manifest(self):
        files, _ = tree(state["destdir"])
        self.assertEqual(sorted(set(files) - set(OTHERS)), expected_files())
        for command in COMMANDS:
            self.assertTrue(os.access(installed(f"usr/bin/{command}"), os.X_OK), command)
        with open(installed("usr/share/applinkskb/install-manifest"), encoding="utf-8") as handle:
            listed = [line.split(" ", 1)[1] for line in handle.read().splitlines() if line.startswith("file ")]
        self.assertEqual(sorted("usr/" + path for path in listed), [
            path for path in expected_files() if not path.endswith("install-manifest")])

    def test_the_site_is_a_copy_of_site(self):
        comparison = filecmp.dircmp(os.path.join(ROOT, "Site"), installed("usr/share/applinkskb/site"))
        pending = [comparison]
        while pending:
            current = pending.pop()
            self.assertEqual((current.left_only, current.right_only), ([], []), current.left)
            _, mismatch, errors = filecmp.cmpfiles(current.left, current.right, current.common_files, shallow=False)
            self.assertEqual((mismatch, errors), ([], []), current.left)
            pending += current.subdirs.values()

    def test_lookup_outside_a_checkout_links_to_the_installed_site(self):
        result = self.run_installed(LINE)
        self.assertEqual(result.returncode, 0, result.stderr)
        site = installed("usr/share/applinkskb/site")
        self.assertIn(f"Help page: {site}/{PAGE}\n", result.stdout)
        self.assertTrue(os.path.isfile(os.path.join(site, PAGE)))

    def test_lookup_in_a_checkout_links_to_its_site_folder(self):
        result = self.run_installed("--json", LINE, cwd=ROOT)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn(f'"url":"Site/{PAGE}"', result.stdout)

    def test_lookup_probe_runs_the_lookup_probe_installed_beside_lookup(self):
        self.assertIsNone(shutil.which("lookup-probe", path="/usr/bin:/bin"), "a lookup-probe on the PATH")
        result = self.run_installed("probe", "--help")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("USAGE: lookup probe", result.stdout)
        self.assertIn("--site", result.stdout)

    def test_the_man_pages_render(self):
        for command in COMMANDS:
            with self.subTest(command=command):
                page = installed(f"usr/share/man/man1/{command}.1")
                with open(page, encoding="utf-8") as handle:
                    text = handle.read()
                title = '"LOOKUP PROBE"' if command == "lookup-probe" else command.upper()
                self.assertIn(f"\n.Dt {title} 1\n", text)
                self.assertNotIn("\n\n", text, "a blank line is not mdoc: paragraphs are .Pp")
                if shutil.which("man") is None:
                    continue
                result = self.man(page, "--warnings")
                self.assertEqual((result.returncode, result.stderr), (0, ""))
                self.assertIn("NAME", result.stdout)
                self.assertIn("--help", result.stdout)
                if command == "lookup":
                    # A paragraph that starts with ' is a troff request, and lost, unless escaped.
                    self.assertIn("'lookup probe URL [URL]' checks a link from outside", result.stdout)
        if shutil.which("man") is None:
            self.skipTest("no man here: only the pages' headers were checked")

    def man(self, page, *options):
        environment = dict(os.environ, MANWIDTH="200", MANPAGER="cat", LC_ALL="C.UTF-8")
        return subprocess.run(["man", *options, "-l", page], capture_output=True, text=True, env=environment,
                              timeout=60)

    def test_the_completion_scripts_are_the_commands_own(self):
        for command in COMPLETED:
            for shell, path in [("bash", f"bash-completion/completions/{command}"),
                                ("zsh", f"zsh/site-functions/_{command}"),
                                ("fish", f"fish/vendor_completions.d/{command}.fish")]:
                with self.subTest(command=command, shell=shell):
                    generated = subprocess.run([installed(f"usr/bin/{command}"), "--generate-completion-script", shell],
                                               capture_output=True, text=True, check=True).stdout
                    with open(installed(f"usr/share/{path}"), encoding="utf-8") as handle:
                        self.assertEqual(handle.read(), generated)

    def test_bash_completes_options_and_subcommands(self):
        cases = [("lookup", "--js", "--json"), ("lookup", "--si", "--since"), ("kb", "ch", "check")]
        for command, word, expected in cases:
            with self.subTest(command=command, word=word):
                script = installed(f"usr/share/bash-completion/completions/{command}")
                line = f"{command} {word}"
                program = (f'source "{script}"; COMP_WORDS=({line}); COMP_CWORD=1; COMP_LINE="{line}"; '
                           f'COMP_POINT=${{#COMP_LINE}}; _{command} {command} {word} {command}; '
                           'printf "%s\\n" "${COMPREPLY[@]}"')
                result = subprocess.run(["bash", "-c", program], capture_output=True, text=True, timeout=60)
                self.assertEqual(result.returncode, 0, result.stderr)
                self.assertIn(expected, result.stdout.split("\n"))

    def test_zsh_and_fish_read_their_scripts(self):
        zsh = installed("usr/share/zsh/site-functions/_lookup")
        fish = installed("usr/share/fish/vendor_completions.d/lookup.fish")
        for shell, program, expected in [
            ("zsh", f'autoload -U compinit; compinit -u; source "{zsh}"; print ${{+functions[_lookup]}}', "1"),
            ("fish", f'source "{fish}"; complete -C "lookup --js"', "--json\tPrint JSON Lines"),
        ]:
            with self.subTest(shell=shell):
                if shutil.which(shell) is None:
                    self.skipTest(f"no {shell} here; the script is checked against the command's own above")
                options = ["-f"] if shell == "zsh" else ["--no-config"]
                environment = {"PATH": "/usr/bin:/bin", "HOME": state["base"], "LC_ALL": "C.UTF-8"}
                result = subprocess.run([shell, *options, "-c", program], capture_output=True, text=True,
                                        env=environment, timeout=60)
                self.assertEqual((result.returncode, result.stderr), (0, ""))
                self.assertIn(expected, result.stdout)


class Uninstall(unittest.TestCase):
    """Installing again over an install, then make uninstall: back to the tree before it."""

    def test_reinstall_then_uninstall_leaves_only_what_was_there(self):
        manifest = installed("usr/share/applinkskb/install-manifest")
        # A file of an earlier install that this one no longer has goes with it.
        stale = "share/applinkskb/site/problems/retired.html"
        with open(installed("usr/" + stale), "w", encoding="utf-8") as handle:
            handle.write("from an earlier version\n")
        with open(manifest, "a", encoding="utf-8") as handle:
            handle.write(f"file {stale}\n")
        # The script make install ends with, on the same builds and pages: no second build.
        swift = [os.environ.get("SWIFT", "swift"), "build", *os.environ.get("SWIFT_FLAGS", "").split()]
        bin_path = subprocess.run([*swift, "--show-bin-path"], cwd=ROOT, capture_output=True, text=True,
                                  check=True).stdout.strip()
        result = subprocess.run(
            ["sh", "Integrations/install/install.sh", "install", bin_path, ".build/plugins/GenerateManual/outputs",
             "Site", installed(PREFIX.lstrip("/"))],
            cwd=ROOT, capture_output=True, text=True)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertFalse(os.path.exists(installed("usr/" + stale)))
        self.assertEqual(sorted(set(tree(state["destdir"])[0]) - set(OTHERS)), expected_files())

        result = make("uninstall")
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        files, folders = tree(state["destdir"])
        self.assertEqual(files, sorted(OTHERS))
        # The folders the install created are gone; those it found stay, and PREFIX too.
        self.assertEqual(folders, ["usr", "usr/bin", "usr/share", "usr/share/man", "usr/share/man/man1"])

        result = make("uninstall")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("nothing to uninstall", result.stdout)


def load_tests(loader, tests, pattern):
    """The installed tree is checked first, then uninstalled."""
    suite = unittest.TestSuite()
    suite.addTests(loader.loadTestsFromTestCase(Installed))
    suite.addTests(loader.loadTestsFromTestCase(Uninstall))
    return suite


if __name__ == "__main__":
    unittest.main(verbosity=2)
