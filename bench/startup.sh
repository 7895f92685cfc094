#!/usr/bin/env bash
# Start-up cost of one short run: CPU time (user + system) and peak RSS of the commands a
# pre-commit hook or an editor runs, next to the process floor (`itsm --version`).
#
#   bench/startup.sh                  # builds target/release/itsm, ~1 minute
#   ITSM_BIN=/path/to/itsm bench/startup.sh
#   RUNS=200 bench/startup.sh         # more runs per command (default 100)
#
# CPU time is hyperfine's mean user + system time over RUNS runs (after 5 warm-up runs); peak RSS
# is the median of 5 runs of /usr/bin/time -v. The small file is the peer bench's small.md
# (../shared/bench, or BENCH_SRC), or the same three lines written here when that folder is absent.
#
# Needs: bash, python3, hyperfine, /usr/bin/time (package `time`).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
RUNS="${RUNS:-100}"
die() { echo "bench/startup.sh: $*" >&2; exit 2; }
command -v hyperfine >/dev/null || die "hyperfine is missing"
[ -x /usr/bin/time ] || die "/usr/bin/time is missing (apt-get install time)"

if [ -n "${ITSM_BIN:-}" ]; then
  BIN="$ITSM_BIN"
else
  (cd "$ROOT" && cargo build --release --quiet)
  BIN="$ROOT/target/release/itsm"
fi
[ -x "$BIN" ] || die "itsm binary not found: $BIN"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/itsm-startup.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
SMALL="${BENCH_SRC:-$ROOT/../shared/bench}/small.md"
if [ ! -f "$SMALL" ]; then
  SMALL="$WORK/small.md"
  printf '# 小さな入力\n\n私は、ITサービスマネージャとしてSLAの見直しを担当した。見直しの結果、稼働率の目標を99.9%%に引き上げた。\n' >"$SMALL"
fi

echo "# $("$BIN" --version), $(nproc) CPU, $(hyperfine --version), RUNS=$RUNS"
printf '| command | CPU (user + sys, mean) | wall (mean) | peak RSS (median) |\n|---|---|---|---|\n'
row() {
  local label="$1"; shift
  local json="$WORK/h.json" rss=()
  hyperfine -N -i --warmup 5 --runs "$RUNS" --export-json "$json" "$(printf '%q ' "$@")" >/dev/null 2>&1
  for _ in 1 2 3 4 5; do
    /usr/bin/time -v -o "$WORK/t" "$@" >/dev/null 2>&1 || true
    rss+=("$(awk -F': ' '/Maximum resident set size/{print $2}' "$WORK/t")")
  done
  python3 - "$json" "$label" "${rss[@]}" <<'PY'
import json, statistics, sys
r = json.load(open(sys.argv[1]))["results"][0]
rss = statistics.median(int(x) for x in sys.argv[3:]) / 1024
print(f"| `{sys.argv[2]}` | {(r['user'] + r['system']) * 1000:.2f} ms | {r['mean'] * 1000:.2f} ms | {rss:.1f} MiB |")
PY
}
row "itsm --version" "$BIN" --version
row "itsm lint small.md" "$BIN" lint "$SMALL"
row "itsm draft --case fx --theme change" "$BIN" draft --case fx --theme change
row "itsm draft --case fx --theme change --essay" "$BIN" draft --case fx --theme change --essay
