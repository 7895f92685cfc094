#!/usr/bin/env bash
# Time `POST /api/check` of `itsm serve` on a 3,000-character essay (issue 15: ≤ 10 ms server time).
#
#   bench/serve.sh               # 200 requests after 20 to warm up
#   N=1000 bench/serve.sh
#   ITSM_BIN=path/to/itsm bench/serve.sh
#
# What it does: builds target/release/itsm (unless ITSM_BIN is set), makes a study repository with
# `itsm init` in a temp folder, writes a 3,000-character essay into it (the drafted essay of case
# `ses` × theme `change`, its 設問イ lengthened with the 設問イ of `ses` × `incident`), starts
# `itsm serve --port 0` on it, and sends the essay N times, one request after the other, with curl. It prints
# the median, 90th percentile and maximum of the server's own time (`Server-Timing: itsm;dur=…`) and of
# the request as curl saw it (`time_total`: connect, send, wait, receive on 127.0.0.1), and the server's CPU
# time per request (Linux).
#
# Needs: bash, python3, curl.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
N="${N:-200}"
if [ -z "${ITSM_BIN:-}" ]; then
  (cd "$ROOT" && cargo build --release --locked -q)
  ITSM_BIN="$ROOT/target/release/itsm"
fi
WORK="$(mktemp -d)"
SERVER=""
cleanup() {
  if [ -n "$SERVER" ]; then kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

"$ITSM_BIN" init "$WORK/repo" >/dev/null
"$ITSM_BIN" draft --case ses --theme change --essay > "$WORK/a.md"
"$ITSM_BIN" draft --case ses --theme incident --essay > "$WORK/b.md"
python3 - "$WORK" "$ITSM_BIN" <<'PY'
import json, subprocess, sys
work, itsm = sys.argv[1], sys.argv[2]
a = open(f"{work}/a.md", encoding="utf-8").read()
b = open(f"{work}/b.md", encoding="utf-8").read()
extra = b.split("## 設問イ")[1].split("## 設問ウ")[0].strip().split("\n\n")
head, tail = a.split("## 設問ウ")
def chars(text):
    path = f"{work}/repo/essays/bench.md"
    open(path, "w", encoding="utf-8").write(text)
    out = subprocess.run([itsm, "count", "--format", "json", path], capture_output=True, text=True).stdout
    return sum(p["cbt"]["chars"] for p in json.loads(out)["files"][0]["parts"])
text = a
for para in extra:
    if chars(text) >= 3000:
        break
    # Section headings of the other essay are left out; its paragraphs go at the end of 設問イ.
    if para.startswith(("###", "2.")):
        continue
    head = head.rstrip("\n") + "\n\n" + para + "\n\n"
    text = head + "## 設問ウ" + tail
n = chars(text)
json.dump({"text": text, "path": "essays/bench.md"}, open(f"{work}/req.json", "w", encoding="utf-8"), ensure_ascii=False)
print(f"essay: {n} characters (CBT count of 設問ア・イ・ウ), {len(text.encode())} bytes")
PY

"$ITSM_BIN" serve "$WORK/repo" --port 0 > "$WORK/serve.out" 2>&1 &
SERVER=$!
URL=""
for _ in $(seq 100); do
  URL="$(grep -o 'http://127.0.0.1:[0-9]*/' "$WORK/serve.out" || true)"
  [ -n "$URL" ] && break
  sleep 0.05
done
[ -n "$URL" ] || { cat "$WORK/serve.out"; echo "bench/serve.sh: the server did not start" >&2; exit 2; }

check() {
  curl -s -o /dev/null -D - -w 'total=%{time_total}\n' -H 'Content-Type: application/json' \
    --data-binary @"$WORK/req.json" "${URL}api/check"
}
# CPU time of the server process (user + system, clock ticks), where /proc tells it: unlike the
# wall-clock figures it hardly depends on what else the machine is doing.
cpu() { if [ -r "/proc/$SERVER/stat" ]; then awk '{print $14 + $15}' "/proc/$SERVER/stat"; else echo -; fi; }
for _ in $(seq 20); do check >/dev/null; done
CPU0="$(cpu)"
for _ in $(seq "$N"); do check; done > "$WORK/times.txt"
CPU1="$(cpu)"
python3 - "$WORK/times.txt" "$N" "$CPU0" "$CPU1" "$(getconf CLK_TCK)" <<'PY'
import re, statistics, sys
text = open(sys.argv[1]).read()
server = sorted(float(x) for x in re.findall(r"itsm;dur=([\d.]+)", text, re.I))
total = sorted(float(x) * 1000 for x in re.findall(r"total=([\d.]+)", text))
assert len(server) == len(total) == int(sys.argv[2]), (len(server), len(total))
def row(name, xs):
    p90 = xs[int(len(xs) * 0.9) - 1]
    print(f"{name:<28} median {statistics.median(xs):6.2f} ms   p90 {p90:6.2f} ms   max {xs[-1]:6.2f} ms")
print(f"{len(server)} requests of POST /api/check, one after the other")
row("server (Server-Timing)", server)
row("client (curl time_total)", total)
if sys.argv[3] != "-":
    ms = (int(sys.argv[4]) - int(sys.argv[3])) * 1000 / int(sys.argv[5]) / len(server)
    print(f"{'server CPU time':<28} {ms:6.2f} ms per request (user + system, /proc)")
PY
