#!/usr/bin/env bash
# Benchmark itsm against the peer (textlint 15 + Japanese presets) and on its own.
#
#   bench/run.sh                      # everything: textlint side by side, then itsm alone (~15 min on 2 cores)
#   SKIP_TEXTLINT=1 bench/run.sh      # only itsm (~2 min); works without the peer folder too (see 2.)
#   REPEAT=5 bench/run.sh             # more runs per scenario (default 3; textlint runs use it too)
#   BENCH_WORK=/tmp/itsm-bench bench/run.sh   # keep the work folder (and its node_modules) for the next run
#
# What it does:
#  1. builds `target/release/itsm` (unless ITSM_BIN points at a binary);
#  2. copies the peer's read-only bench folder (`../shared/bench` from the repository root, or BENCH_SRC)
#     into a work folder, runs `npm ci` there (textlint and its presets, pinned by package-lock.json), and runs
#     its `bench.sh` with `OTHER_CMD='<itsm> lint {INPUT}'`, so textlint and itsm are timed in the same run with
#     the same method (/usr/bin/time -v, median of REPEAT runs, peak RSS). A clone without that folder (it is
#     not part of the repository) can still time itsm alone with SKIP_TEXTLINT=1: the corpus is then 30
#     essays itsm drafts itself (as many as the peer's), so the figures are not comparable with the README's;
#  3. times itsm alone with hyperfine (when installed; otherwise /usr/bin/time -v) and measures peak RSS with
#     /usr/bin/time -v: one small file, `draft`, `lint` on corpus_x10u (300 essays) and on a generated set ten
#     times larger (3,000 distinct essays), scaling in the number of files (300 / 3,000 / 30,000) and in the size
#     of one file (1x / 10x / 100x), and `score` / `count` when this build has them;
#  4. prints a Markdown summary (ratios against textlint from the same run) and writes it with the raw TSV
#     files to the work folder.
#
# Needs: bash, python3, /usr/bin/time (package `time`), node + npm for textlint, optionally hyperfine.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
SRC="${BENCH_SRC:-$ROOT/../shared/bench}"
REPEAT="${REPEAT:-3}"
export REPEAT

die() { echo "bench/run.sh: $*" >&2; exit 2; }
PEER=1
if [ ! -d "$SRC" ]; then
  [ "${SKIP_TEXTLINT:-0}" = 1 ] || die "peer bench folder not found: $SRC (set BENCH_SRC, or SKIP_TEXTLINT=1 to time itsm alone on its own drafts)"
  PEER=0
fi
[ -x /usr/bin/time ] || die "/usr/bin/time is missing (apt-get install time)"
command -v python3 >/dev/null || die "python3 is missing"

if [ -n "${ITSM_BIN:-}" ]; then
  BIN="$ITSM_BIN"
else
  (cd "$ROOT" && cargo build --release --quiet)
  BIN="$ROOT/target/release/itsm"
fi
[ -x "$BIN" ] || die "itsm binary not found: $BIN"

if [ -n "${BENCH_WORK:-}" ]; then
  WORK="$BENCH_WORK"
  mkdir -p "$WORK"
else
  WORK="$(mktemp -d "${TMPDIR:-/tmp}/itsm-bench.XXXXXX")"
fi
echo "# work folder: $WORK"

# ---------- 1. the peer's bench, copied (its folder is read-only) ----------
mkdir -p "$WORK/bench"
B="$WORK/bench"
if [ "$PEER" = 1 ]; then
  # Copy everything but generated inputs and results; keep an existing node_modules.
  (cd "$SRC" && tar --exclude=./node_modules --exclude=./results -cf - .) | (cd "$B" && tar -xf -)
  chmod -R u+w "$B"
else
  echo "# no peer bench folder ($SRC): timing itsm alone on 30 essays it drafts (not comparable with the README)"
  mkdir -p "$B/corpus"
  # 30 essays, as many as the peer's corpus, so the scenario names (300 / 3,000 / 30,000 essays) hold.
  n=0
  for t in $("$BIN" list themes | awk '{print $1}'); do
    for c in $("$BIN" list cases | awk '{print $1}'); do
      [ "$n" -lt 30 ] || break 2
      n=$((n + 1))
      "$BIN" draft --case "$c" --theme "$t" --essay >"$B/corpus/$(printf 'essay%02d.md' "$n")"
    done
  done
  printf '# 小さな入力\n\n私は、ITサービスマネージャとしてSLAの見直しを担当した。見直しの結果、稼働率の目標を99.9%%に引き上げた。\n' >"$B/small.md"
fi

if [ "${SKIP_TEXTLINT:-0}" != 1 ]; then
  command -v npm >/dev/null || die "npm is missing (set SKIP_TEXTLINT=1 to time itsm alone)"
  if [ ! -x "$B/node_modules/.bin/textlint" ]; then
    echo "# npm ci (textlint and presets, pinned by package-lock.json)"
    (cd "$B" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
  fi
fi

if [ "$PEER" = 1 ]; then
  echo "# peer bench.sh (textlint and itsm, same run, REPEAT=$REPEAT)"
  (cd "$B" && RESULTS_DIR="$WORK/results" OTHER_LABEL=itsm OTHER_CMD="$BIN lint {INPUT}" ./bench.sh) \
    | tee "$WORK/peer.tsv"
else
  : >"$WORK/peer.tsv"
fi

# ---------- 2. itsm alone ----------
python3 - "$B" <<'PY'
import os, sys
b = sys.argv[1]
src = os.path.join(b, "corpus")
files = sorted(f for f in os.listdir(src) if f.endswith(".md"))
texts = {f: open(os.path.join(src, f), encoding="utf-8").read() for f in files}

def make(dst, copies):
    # Like bench.sh's corpus_x10u: every copy but the first gets a per-copy tag before each 。
    # so no two files share a sentence.
    if os.path.isdir(dst) and len(os.listdir(dst)) == copies * len(files):
        return
    os.makedirs(dst, exist_ok=True)
    for r in range(copies):
        for f in files:
            t = texts[f] if r == 0 else texts[f].replace("。", f"（第{r}稿）。")
            with open(os.path.join(dst, f"r{r}_{f}"), "w", encoding="utf-8") as o:
                o.write(t)

make(os.path.join(b, "corpus_x10u"), 10)    # bench.sh makes it the same way; here for a run without the peer
make(os.path.join(b, "gen_x100u"), 100)     # 3,000 essays: 10x corpus_x10u
make(os.path.join(b, "gen_x1000u"), 1000)   # 30,000 essays: 100x corpus_x10u

# One file made of all 30 essays (one essay body per 設問 part), then 10x and 100x that.
one = "".join(texts[f] for f in files)
for n, name in ((1, "big_1x.md"), (10, "big_10x.md"), (100, "big_100x.md")):
    p = os.path.join(b, name)
    if not os.path.exists(p):
        with open(p, "w", encoding="utf-8") as o:
            for r in range(n):
                o.write(one if r == 0 else one.replace("。", f"（第{r}稿）。"))
PY

HAVE_HYPERFINE=0
command -v hyperfine >/dev/null && HAVE_HYPERFINE=1
OWN="$WORK/itsm.tsv"
printf 'scenario\tinput\tfiles\tbytes\truns\twall_med_s\twall_min_s\twall_max_s\trss_med_MiB\tlast_rc\ttool\tcpu_mean_ms\n' >"$OWN"

# measure NAME INPUT CMD... : wall time and CPU time (user + system; hyperfine, or /usr/bin/time) and
# peak RSS (/usr/bin/time -v).
measure() {
  local name="$1" input="$2"; shift 2
  local cmd=("$@")
  local nfiles bytes
  if [ -d "$input" ]; then
    nfiles=$(find "$input" -name '*.md' | wc -l)
    bytes=$(find "$input" -name '*.md' -printf '%s\n' | awk '{s+=$1} END{print s+0}')
  elif [ -f "$input" ]; then
    nfiles=1; bytes=$(stat -c %s "$input")
  else
    nfiles=0; bytes=0
  fi
  local walls=() rsss=() cpus=() rc=0 tf tool cpu
  tf="$(mktemp)"
  for _ in $(seq "$REPEAT"); do
    set +e
    /usr/bin/time -v -o "$tf" "${cmd[@]}" >/dev/null 2>&1; rc=$?
    set -e
    walls+=("$(awk -F': ' '/Elapsed \(wall clock\)/{n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; print s}' "$tf")")
    rsss+=("$(awk -F': ' '/Maximum resident set size/{print $2}' "$tf")")
    cpus+=("$(awk -F': ' '/User time|System time/{s+=$2} END{print s}' "$tf")")
  done
  cpu=$(python3 -c 'import sys; v=[float(x) for x in sys.argv[1:]]; print(f"{sum(v)/len(v)*1000:.2f}")' "${cpus[@]}")
  if [ "$HAVE_HYPERFINE" = 1 ]; then
    tool=hyperfine
    local runs=$((REPEAT < 10 ? 10 : REPEAT))
    # Fast commands get many runs; slow ones REPEAT runs.
    if [ "$nfiles" -le 1 ]; then runs=$((REPEAT < 50 ? 50 : REPEAT)); fi
    if [ "$bytes" -gt 20000000 ] || [ "$nfiles" -gt 5000 ]; then runs=$REPEAT; fi
    hyperfine -N -i --warmup 3 --runs "$runs" --export-json "$tf" "$(printf '%q ' "${cmd[@]}")" >/dev/null 2>&1
    read -r -a walls < <(python3 -c 'import json,sys; print(" ".join(str(t) for t in json.load(open(sys.argv[1]))["results"][0]["times"]))' "$tf")
    cpu=$(python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["results"][0]; print("%.2f" % ((r["user"] + r["system"]) * 1000))' "$tf")
  else
    tool="time"
  fi
  rm -f "$tf"
  python3 - "$name" "$input" "$nfiles" "$bytes" "$rc" "$tool" "${walls[*]}" "${rsss[*]}" "$cpu" <<'PY' | tee -a "$OWN"
import os, sys, statistics as st
name, inp, n, nbytes, rc, tool, walls, rsss, cpu = sys.argv[1:10]
w = [float(x) for x in walls.split()]; r = [int(x) / 1024 for x in rsss.split()]
print(f"{name}\t{os.path.basename(inp)}\t{n}\t{nbytes}\t{len(w)}\t{st.median(w):.4f}\t{min(w):.4f}\t{max(w):.4f}\t{st.median(r):.1f}\t{rc}\t{tool}\t{cpu}")
PY
}

echo "# itsm alone ($( [ $HAVE_HYPERFINE = 1 ] && hyperfine --version || echo '/usr/bin/time'); peak RSS from /usr/bin/time -v)"
cat "$OWN"
measure "--version (process floor)" "" "$BIN" --version
measure "lint, one small file" "$B/small.md" "$BIN" lint "$B/small.md"
measure "lint, one essay" "$B/corpus/essay01.md" "$BIN" lint "$B/corpus/essay01.md"
measure "draft fx/change" "" "$BIN" draft --case fx --theme change
measure "draft fx/change --essay" "" "$BIN" draft --case fx --theme change --essay
measure "draft insurer/security" "" "$BIN" draft --case insurer --theme security
measure "draft, two cases" "" "$BIN" draft --theme incident
measure "lint, 300 essays" "$B/corpus_x10u" "$BIN" lint "$B/corpus_x10u"
if command -v taskset >/dev/null; then
  measure "lint, 300 essays, one core" "$B/corpus_x10u" taskset -c 0 "$BIN" lint "$B/corpus_x10u"
fi
measure "lint --format json, 300 essays" "$B/corpus_x10u" "$BIN" lint --format json "$B/corpus_x10u"
measure "lint, 3,000 essays" "$B/gen_x100u" "$BIN" lint "$B/gen_x100u"
measure "lint, 30,000 essays" "$B/gen_x1000u" "$BIN" lint "$B/gen_x1000u"
measure "lint, one file 1x" "$B/big_1x.md" "$BIN" lint "$B/big_1x.md"
measure "lint, one file 10x" "$B/big_10x.md" "$BIN" lint "$B/big_10x.md"
measure "lint, one file 100x" "$B/big_100x.md" "$BIN" lint "$B/big_100x.md"
for sub in score count; do
  if "$BIN" "$sub" --help >/dev/null 2>&1; then
    measure "$sub, one essay" "$B/corpus/essay01.md" "$BIN" "$sub" "$B/corpus/essay01.md"
    measure "$sub, 300 essays" "$B/corpus_x10u" "$BIN" "$sub" "$B/corpus_x10u"
  else
    echo "# itsm $sub: not in this build, skipped"
  fi
done

# ---------- 3. summary ----------
python3 - "$WORK/peer.tsv" "$OWN" "$BIN" <<'PY' | tee "$WORK/summary.md"
import subprocess, sys
peer, own, binary = sys.argv[1:4]

def rows(path):
    out = []
    for line in open(path, encoding="utf-8"):
        if line.startswith("#") or line.startswith("label") or line.startswith("scenario"):
            continue
        f = line.rstrip("\n").split("\t")
        if len(f) >= 9:
            out.append(f)
    return out

def machine():
    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
    mem = next((int(l.split()[1]) // 1024 // 1024 for l in open("/proc/meminfo") if l.startswith("MemTotal")), 0)
    ncpu = subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip()
    return f"{ncpu} CPU ({cpu}), {mem} GiB RAM"

print(f"machine: {machine()}")
print(f"itsm: {subprocess.run([binary, '--version'], capture_output=True, text=True).stdout.strip()}")
print()
p = rows(peer)
if p:
    print("| input | tool | wall (median) | peak RSS (median) |")
    print("|---|---|---|---|")
    for f in p:
        print(f"| {f[1]} ({f[2]} files) | {f[0]} | {float(f[4]):.2f} s | {float(f[7]):.0f} MiB |")
    itsm = {f[1]: f for f in p if f[0] == "itsm"}
    print()
    for f in p:
        if f[0].startswith("textlint/") and "cold" not in f[0] and f[1] in itsm:
            other = itsm[f[1]]
            t_ratio = float(f[4]) / max(float(other[4]), 0.005)
            note = " (itsm under the 10 ms clock resolution of /usr/bin/time; ratio uses 0.005 s)" if float(other[4]) < 0.005 else ""
            print(f"- {f[0]} vs itsm on {f[1]}: {t_ratio:.0f}x faster, {float(f[7]) / max(float(other[7]), 1):.0f}x less memory{note}")
    # bench.sh rounds to 10 ms; hyperfine's median for the same input is more precise.
    hf = next((g for g in rows(own) if g[0] == "lint, 300 essays"), None)
    for f in p:
        if hf and f[0].startswith("textlint/") and f[1] == "corpus_x10u":
            print(f"- {f[0]} on corpus_x10u vs itsm's hyperfine median ({float(hf[5]) * 1000:.1f} ms): {float(f[4]) / float(hf[5]):.0f}x faster")
    print()
o = rows(own)
print("| scenario | files | MiB of input | wall (median) | min–max | CPU (user+sys, mean) | peak RSS | runs |")
print("|---|---|---|---|---|---|---|---|")
for f in o:
    mib = int(f[3]) / 1048576
    cpu = f"{float(f[11]):.1f} ms" if len(f) > 11 else "?"
    print(f"| {f[0]} | {f[2]} | {mib:.1f} | {float(f[5]) * 1000:.1f} ms | {float(f[6]) * 1000:.1f}–{float(f[7]) * 1000:.1f} ms | {cpu} | {float(f[8]):.1f} MiB | {f[4]} ({f[10]}) |")
by = {f[0]: f for f in o}
def ratio(a, b):
    if a in by and b in by:
        return float(by[b][5]) / float(by[a][5])
    return None
print()
for a, b, what in (("lint, 300 essays", "lint, 3,000 essays", "300 -> 3,000 files"),
                   ("lint, 3,000 essays", "lint, 30,000 essays", "3,000 -> 30,000 files"),
                   ("lint, 300 essays", "lint, 30,000 essays", "300 -> 30,000 files"),
                   ("lint, one file 1x", "lint, one file 10x", "one file, 1x -> 10x"),
                   ("lint, one file 10x", "lint, one file 100x", "one file, 10x -> 100x")):
    r = ratio(a, b)
    if r is not None:
        print(f"- scaling, {what}: {r:.1f}x the time (each run includes the fixed start-up)")
for name in ("lint, 3,000 essays", "lint, 30,000 essays", "lint, one file 100x"):
    if name in by and int(by[name][3]) > 0:
        mib = int(by[name][3]) / 1048576
        print(f"- throughput, {name}: {mib / float(by[name][5]):.0f} MiB/s")
PY
echo "# summary: $WORK/summary.md"
