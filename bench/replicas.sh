#!/usr/bin/env bash
# Two Apis and two Workers on one PostgreSQL, as real processes, run by hand (never a test):
#
#   bench/replicas.sh
#
# On a throwaway cluster with stock settings it starts both Apis and both Workers (Release, Production, loopback),
# then the bench's `replicas` verb: HIPLOG_BENCH_RUNNERS (100) runners, each with a reminder time a minute or two away
# and a webhook to a receiver in the bench; each runner's run and mild report are sent at the same moment to the two
# Apis; half the runners report rising pain before, half after the Worker holding the pain watch is killed with
# SIGKILL as the first routines fall due. It checks, from the store and the receipts, that each rising report was
# judged once and each routine delivered and received once, and prints how late. The table goes to the terminal and
# into docs/benchmarks.md between the replicas markers.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
RUNNERS=${HIPLOG_BENCH_RUNNERS:-100}
say() { printf '\033[1m[replicas]\033[0m %s\n' "$*" >&2; }
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

WORK=$(mktemp -d /tmp/hiplog-replicas.XXXXXX)
chmod 755 "$WORK"
PG_BIN="" PG_STARTED="" PIDS=()
# shellcheck source=bench/lib.sh
. "$ROOT/bench/lib.sh"
cleanup() { finish $? "$WORK/pg" "${PIDS[@]}"; }
trap cleanup EXIT
trap 'exit 130' INT TERM

find_pg_bin || { say "no PostgreSQL binaries (apt-get install postgresql)"; exit 1; }
throwaway_database hiplog_replicas

say "building Release"
for p in src/Api/HipLog.Api.csproj src/Worker/HipLog.Worker.csproj bench/HipLog.Bench/HipLog.Bench.csproj; do
  timeout 900 dotnet build "$ROOT/$p" -c Release -nologo -v quiet >>"$WORK/build.log" 2>&1
done

KEY=$(head -c 48 /dev/urandom | base64 | tr -d '\n/+=')
# start NAME DLL PORT [CONNECTION]: the host's own process (dotnet DLL, not dotnet run), so its pid is the one killed.
start() {
  # One machine sends everything, and the webhooks go to a receiver on loopback.
  RateLimits__RunnerRequestsPerMinute=100000 RateLimits__AnonymousRequestsPerMinute=100000 \
  Webhooks__AllowPrivateNetworks=true Webhooks__AllowHttp=true \
  ConnectionStrings__hiplog=${4:-$CS} Auth__SigningKey=$KEY ASPNETCORE_URLS="http://127.0.0.1:$3" ASPNETCORE_ENVIRONMENT=Production DOTNET_ENVIRONMENT=Production \
    setsid dotnet "$2" >"$WORK/$1.log" 2>&1 &
  local pid=$!
  PIDS+=("$pid")
  for _ in $(seq 1 240); do curl -fs "http://127.0.0.1:$3/health/ready" >/dev/null 2>&1 && { LAST_PID=$pid; return 0; }; kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  say "$1 did not become ready"; return 1
}
API=$ROOT/src/Api/bin/Release/net10.0/HipLog.Api.dll
WORKER=$ROOT/src/Worker/bin/Release/net10.0/HipLog.Worker.dll
URLS="" WORKER_PIDS=""
for i in 1 2; do
  port=$(free_port); start "api-$i" "$API" "$port"; URLS="$URLS${URLS:+,}http://127.0.0.1:$port"
done
for i in 1 2; do
  # The Application Name tells the bench which Worker holds the pain watch's advisory lock.
  port=$(free_port); start "worker-$i" "$WORKER" "$port" "$CS;Application Name=hiplog-worker-$i"; WORKER_PIDS="$WORKER_PIDS${WORKER_PIDS:+,}$LAST_PID"
done
say "Apis $URLS, Workers (pids) $WORKER_PIDS, PostgreSQL 127.0.0.1:$PG_PORT"

REPORT=$WORK/report.md
{
  echo "Run of $(date -u '+%Y-%m-%d %H:%M UTC') on $(nproc) cores, .NET SDK $(dotnet --version), commit $(git rev-parse --short HEAD 2>/dev/null || echo '?'); Apis and Workers in Release, Production, each its own process."
  echo
} >"$REPORT"
status=0
timeout 900 dotnet "$ROOT/bench/HipLog.Bench/bin/Release/net10.0/HipLog.Bench.dll" replicas --url "$URLS" --connection "$CS" --signing-key "$KEY" \
  --worker-pids "$WORKER_PIDS" --runners "$RUNNERS" | tee -a "$REPORT" >&2 || status=$?
{
  echo "In the logs: the watch resumed after a gap $(cat "$WORK"/worker-*.log | grep -c 'resumed at event' || true) time(s);" \
    "$(cat "$WORK"/api-*.log | grep -c 'answered 409' || true) answers 409 for a lost stream race."
  echo
} | tee -a "$REPORT" >&2

write_section replicas "$REPORT"
say "figures written to docs/benchmarks.md"
exit "$status"
