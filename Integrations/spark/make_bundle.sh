#!/bin/bash
# make bundle: a relocatable archive of lookup for Spark's executors.
#   bash Integrations/spark/make_bundle.sh LOOKUP RULES OUT.tar.gz
# LOOKUP is built in release with the Swift runtime linked statically and an $ORIGIN/lib run
# path (DT_RPATH, so that it also serves the libraries' own dependencies); the C libraries it
# loads, and theirs, except glibc's, are copied beside it into lib/, with RULES as rules.json.
# The archive's root holds lookup, lib/ and rules.json: `spark-submit --archives
# OUT.tar.gz#applinkskb` unpacks it as applinkskb/ in each executor's working folder.
set -euo pipefail
lookup=$1 rules=$2 out=$3
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
mkdir -p "$stage/lib"
cp "$lookup" "$stage/lookup"
cp "$rules" "$stage/rules.json"
# glibc's own libraries come from the executor's system, as they must.
glibc='^(linux-vdso|linux-gate|ld-linux.*|libc|libm|libdl|libpthread|librt|libutil|libresolv|libmvec|libanl|libnsl|libBrokenLocale)\.so'
ldd "$lookup" | while read -r name arrow path rest; do
  [ "$arrow" = "=>" ] || continue
  if [[ "$name" =~ $glibc ]]; then continue; fi
  if [ ! -f "$path" ]; then echo "make_bundle: $name: not found (ldd says '$path')" >&2; exit 1; fi
  cp -L "$path" "$stage/lib/$name"
done
if ! readelf -d "$stage/lookup" | grep -q 'RPATH.*\$ORIGIN/lib'; then
  echo "make_bundle: $lookup has no \$ORIGIN/lib run path (DT_RPATH); build it as make bundle does" >&2
  exit 1
fi
mkdir -p "$(dirname "$out")"
tar -C "$stage" -czf "$out.tmp" lookup lib rules.json
mv "$out.tmp" "$out"
echo "make_bundle: $out ($(du -h "$out" | cut -f1): lookup, $(ls "$stage/lib" | wc -l) libraries, rules.json)"
