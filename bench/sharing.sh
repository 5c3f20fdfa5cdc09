#!/usr/bin/env bash
# Measures sharing with a clinician (run by hand, never a test): a clinician with HIPLOG_BENCH_PATIENTS (200) patients, each a
# seeded runner with a year of history, through the Api in Release/Production on a throwaway PostgreSQL cluster:
#   - GET /clinicians/{id}/patients (the traffic light of every patient) with 4 clients at once, p50/p95/p99, timed by wrk
#     (30 s after 30 s of warm-up) when it is installed;
#   - 90 days of one runner's pain reports read by the runner, and the same read by the clinician through the share (each
#     read of the clinician's is appended to the access log before the answer): the difference is what the log costs.
# The figures go to the terminal and into docs/benchmarks.md, between its sharing-bench markers.
# Knobs: HIPLOG_BENCH_PATIENTS (200), HIPLOG_BENCH_SHARING_REQUESTS (400 per read).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
PATIENTS=${HIPLOG_BENCH_PATIENTS:-200}
REQUESTS=${HIPLOG_BENCH_SHARING_REQUESTS:-400}
LAST_DAY=$(date -u -d yesterday +%F)
say() { printf '\033[1m[sharing-bench]\033[0m %s\n' "$*" >&2; }
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

WORK=$(mktemp -d /tmp/hiplog-sharing-bench.XXXXXX)
chmod 755 "$WORK"
REPORT=$WORK/report.md
PG_BIN="" PG_STARTED="" API_PID=""
# shellcheck source=bench/lib.sh
. "$ROOT/bench/lib.sh"
cleanup() { finish $? "$WORK/pg" "$API_PID"; }
trap cleanup EXIT
trap 'exit 130' INT TERM

find_pg_bin || { say "no PostgreSQL binaries (apt-get install postgresql)"; exit 1; }
command -v wrk >/dev/null || say "no wrk: the patient list is timed with an HttpClient on the same cores (apt-get install wrk)"
start_cluster "$WORK/pg"
"$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -Atq -c "create database hiplog_sharing"
CS="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=hiplog_sharing"

say "building Release"
timeout 900 dotnet build "$ROOT/bench/HipLog.Bench/HipLog.Bench.csproj" -c Release -nologo -v quiet >"$WORK/build.log" 2>&1
timeout 900 dotnet build "$ROOT/src/Api/HipLog.Api.csproj" -c Release -nologo -v quiet >>"$WORK/build.log" 2>&1
bench() { local limit=$1; shift; timeout "$limit" dotnet "$ROOT/bench/HipLog.Bench/bin/Release/net10.0/HipLog.Bench.dll" "$@"; }

say "seeding $PATIENTS runners with a year each"
bench 3600 seed --connection "$CS" --runners "$PATIENTS" --last-day "$LAST_DAY" >&2

KEY=$(head -c 48 /dev/urandom | base64 | tr -d '\n/+=')
API_PORT=$(free_port)
ConnectionStrings__hiplog=$CS Auth__SigningKey=$KEY ASPNETCORE_URLS="http://127.0.0.1:$API_PORT" ASPNETCORE_ENVIRONMENT=Production \
  DOTNET_ENVIRONMENT=Production RateLimits__RunnerRequestsPerMinute=100000000 RateLimits__AnonymousRequestsPerMinute=100000000 \
  setsid dotnet run -c Release --project "$ROOT/src/Api" --no-launch-profile --no-build >"$WORK/api.log" 2>&1 &
API_PID=$!
for _ in $(seq 1 240); do curl -fs "http://127.0.0.1:$API_PORT/health/ready" >/dev/null 2>&1 && break; kill -0 "$API_PID" 2>/dev/null || { say "the Api stopped"; exit 1; }; sleep 0.5; done
say "Api on 127.0.0.1:$API_PORT"

{
  echo "Run of $(date -u '+%Y-%m-%d %H:%M UTC') on $(nproc) cores, .NET SDK $(dotnet --version), commit $(git rev-parse --short HEAD 2>/dev/null || echo '?'); Api in Release, Production, and PostgreSQL on the machine; the client on it too."
  echo
  bench 1800 sharing --url "http://127.0.0.1:$API_PORT" --signing-key "$KEY" --runners "$PATIENTS" --iterations "$REQUESTS" \
    --last-day "$LAST_DAY"
} | tee "$REPORT" >&2
write_section sharing-bench "$REPORT"
say "figures written to docs/benchmarks.md"
