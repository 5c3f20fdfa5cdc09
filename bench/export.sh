#!/usr/bin/env bash
# Measures GET /runners/{id}/export (time, and the Api's peak memory) for a 3-year runner and a 1-year runner, on a
# throwaway PostgreSQL cluster that holds just those two: run by hand, never a test.
#
#   bench/export.sh
#
# Seeds bench-3y (1 run and 1 pain report a day for 1,096 days, a next-morning report on ~35% of them: ~2,600 events)
# and bench-r0001 (one year) through Marten, starts the Api in Release/Production on loopback, then runs the
# bench's `export` verb. Knob: HIPLOG_BENCH_EXPORTS (5 timed exports per runner).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
EXPORTS=${HIPLOG_BENCH_EXPORTS:-5}
LAST_DAY=$(date -u -d yesterday +%F)
say() { printf '\033[1m[export-bench]\033[0m %s\n' "$*" >&2; }
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

WORK=$(mktemp -d /tmp/hiplog-export-bench.XXXXXX)
chmod 755 "$WORK"
PG_BIN="" PG_STARTED="" API_PID=""
# shellcheck source=bench/lib.sh
. "$ROOT/bench/lib.sh"
cleanup() {
  local status=$?
  trap - EXIT INT TERM
  stop_group "$API_PID"
  [ -n "$PG_STARTED" ] && as_pg "$PG_BIN/pg_ctl" -D "$WORK/pg" -m fast -w -t 60 stop >/dev/null 2>&1 || true
  if [ "$status" -ne 0 ]; then for f in "$WORK"/*.log; do [ -e "$f" ] && { say "tail of $(basename "$f")"; tail -n 30 "$f" >&2; }; done; fi
  rm -rf "$WORK"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

find_pg_bin || { say "no PostgreSQL binaries (apt-get install postgresql)"; exit 1; }
start_cluster "$WORK/pg"
"$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -Atq -c "create database hiplog_export"
CS="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=hiplog_export"

say "building Release"
timeout 900 dotnet build "$ROOT/bench/HipLog.Bench/HipLog.Bench.csproj" -c Release -nologo -v quiet >"$WORK/build.log" 2>&1
bench() { local limit=$1; shift; timeout "$limit" dotnet "$ROOT/bench/HipLog.Bench/bin/Release/net10.0/HipLog.Bench.dll" "$@"; }

say "seeding bench-3y and bench-r0001"
bench 1800 seed --connection "$CS" --runners 1 --last-day "$LAST_DAY" --parallel 1 >&2

KEY=$(head -c 48 /dev/urandom | base64 | tr -d '\n/+=')
API_PORT=$(free_port)
ConnectionStrings__hiplog=$CS Auth__SigningKey=$KEY ASPNETCORE_URLS="http://127.0.0.1:$API_PORT" ASPNETCORE_ENVIRONMENT=Production DOTNET_ENVIRONMENT=Production \
  setsid dotnet run -c Release --project "$ROOT/src/Api" --no-launch-profile --no-build >"$WORK/api.log" 2>&1 &
API_PID=$!
for _ in $(seq 1 240); do curl -fs "http://127.0.0.1:$API_PORT/health/ready" >/dev/null 2>&1 && break; kill -0 "$API_PID" 2>/dev/null || { say "the Api stopped"; exit 1; }; sleep 0.5; done
API_PROC=$(ps -o pid= --ppid "$API_PID" | head -n 1 | tr -d ' ')
say "Api on 127.0.0.1:$API_PORT (process $API_PROC)"

echo
echo "Run of $(date -u '+%Y-%m-%d %H:%M UTC') on $(nproc) cores, .NET SDK $(dotnet --version), commit $(git rev-parse --short HEAD 2>/dev/null || echo '?'); Api in Release, Production."
echo
bench 900 export --url "http://127.0.0.1:$API_PORT" --signing-key "$KEY" --api-pid "$API_PROC" --iterations "$EXPORTS"
