#!/usr/bin/env bash
# Time itsm on the big hostile inputs of issue 11 with /usr/bin/time -v (wall and user time,
# peak memory) and print a Markdown table (the README's performance section):
#
#   bench/big-inputs.sh                 # builds target/release/itsm unless ITSM_BIN is set
#   REPEAT=5 bench/big-inputs.sh        # median of 5 runs (default 3)
#
# Inputs, generated in a temporary folder (about 150 MB, removed at the end):
#   newlines.md  50,000,000 newlines                          itsm lint --format json
#   a.md         7,142,857 lines of 「あ。」 (50 MB)           itsm lint --format json
#   kana.md      32,258 lines 「ﾃﾞｰﾀを確認した。」 (1 MB)      itsm lint --fix (32,258 fixes)
#   fixes.md     80,000 lines 「ＡＢＣの件。」                  itsm lint --fix (80,000 fixes)
#
# Needs: bash, coreutils, /usr/bin/time (package `time`).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
REPEAT="${REPEAT:-3}"
if [[ -z "${ITSM_BIN:-}" ]]; then
  cargo build --release --quiet --manifest-path "$ROOT/Cargo.toml"
  ITSM_BIN="$ROOT/target/release/itsm"
fi
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

head -c 50000000 /dev/zero | tr '\0' '\n' >"$WORK/newlines.md"
head -n 7142857 < <(yes 'あ。') >"$WORK/a.md"
head -n 32258 < <(yes 'ﾃﾞｰﾀを確認した。') >"$WORK/kana.src"
head -n 80000 < <(yes 'ＡＢＣの件。') >"$WORK/fixes.src"

# median of REPEAT runs: "wall user maxrss_kib"
measure() {
  local name="$1"
  shift
  for _ in $(seq "$REPEAT"); do
    [[ -f "$WORK/$name.src" ]] && cp "$WORK/$name.src" "$WORK/$name.md"
    /usr/bin/time -f '%e %U %M' -o "$WORK/time" "$@" >/dev/null 2>&1 || true
    tail -n 1 "$WORK/time"
  done | sort -n | awk -v n="$REPEAT" 'NR == int((n + 1) / 2)'
}

row() {
  local label="$1" name="$2"
  shift 2
  read -r wall user kib < <(measure "$name" "$@")
  printf '| %s | %s s | %s s | %d MiB |\n' "$label" "$wall" "$user" "$((kib / 1024))"
}

echo "| 入力と実行 | 経過時間 | CPU 時間（user） | 最大メモリ |"
echo "|---|---|---|---|"
row "改行だけの 50 MB（\`lint --format json\`）" newlines "$ITSM_BIN" lint --format json "$WORK/newlines.md"
row "「あ。」の行が 50 MB（\`lint --format json\`）" a "$ITSM_BIN" lint --format json "$WORK/a.md"
row "半角カナ 1 MB、32,258 件の修正（\`lint --fix\`）" kana "$ITSM_BIN" lint --fix "$WORK/kana.md"
row "80,000 件の修正（\`lint --fix\`）" fixes "$ITSM_BIN" lint --fix "$WORK/fixes.md"
