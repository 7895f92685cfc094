#!/usr/bin/env bash
# Packs one release binary the way action/install.sh expects it:
#
#   .github/scripts/package.sh BINARY TAG TARGET OUTDIR
#
# writes OUTDIR/itsm-TAG-TARGET.tar.gz (.zip for Windows) with the binary, LICENSE and README.md at its
# root, and OUTDIR/itsm-TAG-TARGET.tar.gz.sha256 ("HASH  NAME", as sha256sum prints it).
# Used by .github/workflows/release.yml and by the tests of the action's install step.
set -euo pipefail
[ $# -eq 4 ] || { echo "usage: $0 BINARY TAG TARGET OUTDIR" >&2; exit 2; }
binary="$1" tag="$2" target="$3" out="$4"
root="$(cd "$(dirname "$0")/../.." && pwd)"
name="itsm-$tag-$target"
exe=itsm
ext=tar.gz
if [[ "$target" == *windows* ]]; then exe=itsm.exe; ext=zip; fi

stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
cp "$binary" "$stage/$exe"
cp "$root/LICENSE" "$root/README.md" "$stage/"
mkdir -p "$out"
out="$(cd "$out" && pwd)"
if [ "$ext" = zip ]; then
  (cd "$stage" && 7z a -bd -tzip "$out/$name.zip" "$exe" LICENSE README.md >/dev/null)
else
  tar -C "$stage" -czf "$out/$name.tar.gz" "$exe" LICENSE README.md
fi
(
  cd "$out"
  if command -v sha256sum >/dev/null; then sha256sum "$name.$ext"; else shasum -a 256 "$name.$ext"; fi
) >"$out/$name.$ext.sha256"
echo "$out/$name.$ext"
