#!/usr/bin/env bash
# National-scale history, end to end: a fresh nats-server with JetStream, the registry and metering
# (SQLite ledger), then `ndxp seed-history` of TOTAL transactions over January-October 2021 in the
# source's monthly shape, through JetStream into the ledger; then the Jan-Oct monthly report and,
# with --verify, the whole chain walk. Prints wall time, events/s, CPU per process, the ledger's size.
set -euo pipefail

usage() {
  cat <<'EOF'
Usage: test/bench/national-scale.sh [--total N] [--dir DIR] [--verify] [--keep]

  --total N   transactions to seed (64023858: the source's January-October 2021)
  --dir DIR   working folder for the stream, the ledger and the logs (a new temporary folder)
  --verify    also walk the whole hash chain afterwards (ndxp audit verify), timed
  --keep      leave the folder (ledger, stream, logs) for inspection

Needs a build (pnpm build) and nats-server on PATH. Uses about 550 bytes of disk per transaction
(ledger and stream): 35 GB for the default total.
EOF
}

total=64023858
dir=""
verify=0
keep=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --total) total="$2"; shift 2 ;;
    --dir) dir="$2"; shift 2 ;;
    --verify) verify=1; shift ;;
    --keep) keep=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "national-scale: unknown argument $1" >&2; usage >&2; exit 2 ;;
  esac
done
[[ "$total" =~ ^[1-9][0-9]*$ ]] || { echo "national-scale: --total must be a positive whole number" >&2; exit 2; }
root="$(cd "$(dirname "$0")/../.." && pwd)"
[[ -f "$root/services/metering/dist/main.js" ]] || { echo "national-scale: build first (pnpm build)" >&2; exit 2; }
command -v nats-server >/dev/null || { echo "national-scale: nats-server is not on PATH" >&2; exit 2; }
dir="${dir:-$(mktemp -d -t ndxp-national-XXXXXX)}"
mkdir -p "$dir"

pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  if [[ $keep -eq 0 ]]; then rm -rf "$dir"; else echo "kept: $dir"; fi
}
trap cleanup EXIT

port=$((20000 + RANDOM % 20000))
nats-server -a 127.0.0.1 -p "$port" -js -sd "$dir/js" -l "$dir/nats.log" &
nats_pid=$!
pids+=("$nats_pid")
export NATS_URL="nats://127.0.0.1:$port"
for _ in $(seq 50); do (echo > "/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done
REGISTRY_DB="$dir/registry.sqlite" REGISTRY_GRPC_ADDR=off node "$root/services/registry/dist/main.js" > "$dir/registry.log" 2>&1 &
pids+=($!)
METERING_DB="$dir/ledger.sqlite" METERING_GRPC_ADDR=off METERING_HTTP_ADDR=off node "$root/services/metering/dist/main.js" > "$dir/metering.log" 2>&1 &
metering_pid=$!
pids+=("$metering_pid")
ndxp() { node "$root/tools/ndxp/dist/main.js" "$@"; }
for _ in $(seq 100); do ndxp usage > /dev/null 2>&1 && break; sleep 0.2; done

cpu() { awk '{printf "%.1f", ($14 + $15) / 100}' "/proc/$1/stat"; }
calc() { awk "BEGIN { printf \"$1\", $2 }"; }
start=$(date +%s.%N)
# bash's own `time` (no /usr/bin/time needed): seed-history's CPU into seed.time, its progress to stderr.
TIMEFORMAT='%U %S'
{ time node "$root/tools/ndxp/dist/main.js" seed-history --from 2021-01-01 --to 2021-10-31 --total "$total" \
  --shape source --seed "national$$" 2>&3; } 3>&2 2> "$dir/seed.time"
end=$(date +%s.%N)
wall=$(calc %.1f "$end - $start")
seed_cpu=$(awk '{printf "%.1f", $1 + $2}' "$dir/seed.time")
metering_cpu=$(cpu "$metering_pid")
nats_cpu=$(cpu "$nats_pid")
ledger_bytes=$(du -cb "$dir"/ledger.sqlite* | tail -1 | cut -f1)
stream_bytes=$(du -sb "$dir/js" | cut -f1)

r0=$(date +%s.%N)
ndxp report monthly --from 2021-01-01 --to 2021-10-31
r1=$(date +%s.%N)
report=$(calc %.2f "$r1 - $r0")

echo
echo "national-scale: $total transactions seeded and ledgered in $wall s ($(calc %d "$total / $wall") events/s)"
echo "  CPU s: metering $metering_cpu ($(calc %.1f "$metering_cpu * 1000000 / $total") us/event), seed-history $seed_cpu, nats-server $nats_cpu"
echo "  ledger $(calc %d "$ledger_bytes / 1048576") MiB ($(calc %d "$ledger_bytes / $total") bytes/event), stream $(calc %d "$stream_bytes / 1048576") MiB"
echo "  Jan-Oct monthly report (CLI start included): $report s"
if [[ $verify -eq 1 ]]; then
  v0=$(date +%s.%N)
  ndxp audit verify
  v1=$(date +%s.%N)
  walk=$(calc %.1f "$v1 - $v0")
  echo "  chain walk (ndxp audit verify): $walk s ($(calc %d "$total / $walk") records/s)"
fi
