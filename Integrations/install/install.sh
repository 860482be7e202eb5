#!/bin/sh
# make install and make uninstall: the commands, their manual pages and completions, and the
# help site, under a prefix, with a manifest of what was put there.
#   sh Integrations/install/install.sh install BIN MANUALS SITE DEST
#   sh Integrations/install/install.sh uninstall DEST
# BIN holds the built lookup, lookup-probe and kb; MANUALS the output of
# swift-argument-parser's generate-manual plugin (one folder per executable); SITE the help
# site; DEST is $(DESTDIR)$(PREFIX). Installed:
#   bin/lookup, bin/lookup-probe, bin/kb
#   share/man/man1/lookup.1, lookup-probe.1, kb.1
#   share/bash-completion/completions/{lookup,kb}, share/zsh/site-functions/{_lookup,_kb},
#   share/fish/vendor_completions.d/{lookup,kb}.fish (each command's own generated script)
#   share/applinkskb/site/ (a copy of SITE; `lookup --site` defaults to it outside a checkout)
# share/applinkskb/install-manifest lists each file installed and each folder created, as
# paths under DEST; uninstall removes those files, then those folders when they are empty,
# never DEST itself. Installing over an earlier install uninstalls that one first.
set -eu

manifest_path=share/applinkskb/install-manifest

fail() {
  echo "install.sh: $*" >&2
  exit 1
}

uninstall() {
  dest=$1
  manifest="$dest/$manifest_path"
  if [ ! -f "$manifest" ]; then
    echo "nothing to uninstall: no $manifest"
    return 0
  fi
  # Files first, then folders deepest first (the manifest lists a folder before its contents).
  while read -r kind path; do
    case "$path" in /* | ../* | */../* | .. | */..) fail "$manifest: unsafe path '$path'" ;; esac
    if [ "$kind" = file ]; then rm -f "$dest/$path"; fi
  done <"$manifest"
  folders=$(sed -n 's/^folder //p' "$manifest" | sed -n '1!G;h;$p')
  rm -f "$manifest"
  echo "$folders" | while read -r path; do
    if [ -n "$path" ] && [ -d "$dest/$path" ]; then rmdir "$dest/$path" 2>/dev/null || true; fi
  done
  echo "uninstalled from $dest"
}

# Creates the folders above $1 (a path under $dest) that are missing, and prints a manifest
# line for each, outermost first.
make_folders() {
  if [ "$(dirname "$1")" = . ] || [ -d "$dest/$(dirname "$1")" ]; then return 0; fi
  make_folders "$(dirname "$1")"
  mkdir "$dest/$(dirname "$1")"
  echo "folder $(dirname "$1")"
}

# put MODE SOURCE PATH: SOURCE installed as DEST/PATH, recorded.
put() {
  make_folders "$3" >>"$manifest"
  install -m "$1" "$2" "$dest/$3"
  echo "file $3" >>"$manifest"
}

install_all() {
  bin=$1 manuals=$2 site=$3 dest=$4
  commands="lookup lookup-probe kb"
  for command in $commands; do
    [ -x "$bin/$command" ] || fail "$bin/$command: not built"
  done
  [ -f "$site/index.html" ] || fail "$site: no help site (make site builds it)"
  if [ -f "$dest/$manifest_path" ]; then uninstall "$dest"; fi
  mkdir -p "$dest"

  stage=$(mktemp -d)
  trap 'rm -rf "$stage"' EXIT
  # The generator writes each paragraph as a line and a blank line between them: blank lines
  # become .Pp, and a line that starts with ' (troff's other control character) is escaped.
  for command in $commands; do
    page=$(find "$manuals/$command" -maxdepth 1 -name '*.1' | head -n 1)
    [ -n "$page" ] || fail "$manuals/$command: no manual page (the generate-manual plugin writes it)"
    sed -e 's/^$/.Pp/' -e "s/^'/\\\\\\&'/" "$page" >"$stage/$command.1"
  done
  for command in lookup kb; do
    for shell in bash zsh fish; do
      "$bin/$command" --generate-completion-script "$shell" >"$stage/$command.$shell" \
        || fail "$command --generate-completion-script $shell failed"
    done
  done

  # The manifest first (any earlier one is gone), so that it lists whatever is installed
  # should a step fail.
  manifest="$dest/$manifest_path"
  created=$(make_folders "$manifest_path")
  if [ -n "$created" ]; then echo "$created" >"$manifest"; else : >"$manifest"; fi
  for command in $commands; do
    put 755 "$bin/$command" "bin/$command"
    put 644 "$stage/$command.1" "share/man/man1/$command.1"
  done
  for command in lookup kb; do
    put 644 "$stage/$command.bash" "share/bash-completion/completions/$command"
    put 644 "$stage/$command.zsh" "share/zsh/site-functions/_$command"
    put 644 "$stage/$command.fish" "share/fish/vendor_completions.d/$command.fish"
  done
  (cd "$site" && find . -type f | sed 's|^\./||' | LC_ALL=C sort) >"$stage/site-files"
  while IFS= read -r file; do
    put 644 "$site/$file" "share/applinkskb/site/$file"
  done <"$stage/site-files"
  echo "installed $commands, their manual pages, completions and the help site in $dest"
}

case "${1:-}" in
install)
  [ $# -eq 5 ] || fail "usage: install.sh install BIN MANUALS SITE DEST"
  install_all "$2" "$3" "$4" "$5"
  ;;
uninstall)
  [ $# -eq 2 ] || fail "usage: install.sh uninstall DEST"
  uninstall "$2"
  ;;
*) fail "usage: install.sh install BIN MANUALS SITE DEST | uninstall DEST" ;;
esac
