#!/usr/bin/env bash
# Measures an archive import end to end (run by hand, never a test): POST /runners/{id}/imports with a Strava-shaped ZIP
# of HIPLOG_BENCH_IMPORT_FILES (1,000) files of 1-hour runs, then GET its status until done. GPX files have a point
# every 1-5 s; FIT files (HIPLOG_BENCH_IMPORT_FORMAT=fit, gzipped as Strava keeps them) a record a second with heart
# rate and altitude.
#
#   bench/import.sh
#
# On a throwaway PostgreSQL cluster (stock settings) it starts the Api and the Worker in Release/Production on loopback,
# writes the archive with bench/import_archive.py, posts it with curl and polls the status every 0.2 s. The figures go
# to the terminal and into docs/benchmarks.md, between its import-bench markers.
# Knobs: HIPLOG_BENCH_IMPORT_FILES (1000), HIPLOG_BENCH_IMPORT_BATCH (the Worker's Imports:BatchSize, 100),
#        HIPLOG_BENCH_IMPORT_FORMAT (gpx or fit).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
FILES=${HIPLOG_BENCH_IMPORT_FILES:-1000}
BATCH=${HIPLOG_BENCH_IMPORT_BATCH:-100}
FORMAT=${HIPLOG_BENCH_IMPORT_FORMAT:-gpx}
LABEL=$(echo "$FORMAT" | tr a-z A-Z)
say() { printf '\033[1m[import-bench]\033[0m %s\n' "$*" >&2; }
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

WORK=$(mktemp -d /tmp/hiplog-import-bench.XXXXXX)
chmod 755 "$WORK"
REPORT=$WORK/report.md
PG_BIN="" PG_STARTED="" API_PID="" WORKER_PID=""
# shellcheck source=bench/lib.sh
. "$ROOT/bench/lib.sh"
cleanup() { finish $? "$WORK/pg" "$WORKER_PID" "$API_PID"; }
trap cleanup EXIT
trap 'exit 130' INT TERM

command -v curl >/dev/null && command -v python3 >/dev/null || { say "needs curl and python3"; exit 1; }
find_pg_bin || { say "no PostgreSQL binaries (apt-get install postgresql)"; exit 1; }
start_cluster "$WORK/pg"
"$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -Atq -c "create database hiplog_import"
CS="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=hiplog_import"
KEY=$(head -c 48 /dev/urandom | base64 | tr -d '\n/+=')

say "building Release"
for project in Api Worker; do timeout 900 dotnet build "$ROOT/src/$project/HipLog.$project.csproj" -c Release -nologo -v quiet >>"$WORK/build.log" 2>&1; done

say "writing an archive of $FILES $LABEL files, and one of 3 for the warm-up"
RAW=$(python3 "$ROOT/bench/import_archive.py" "$WORK/export.zip" --files "$FILES" --format "$FORMAT")
# Days before the timed archive's, so that none of its runs is a duplicate.
python3 "$ROOT/bench/import_archive.py" "$WORK/warmup.zip" --files 3 --seed 5 --days-back $((FILES + 10)) --format "$FORMAT" >/dev/null
ZIP=$(stat -c %s "$WORK/export.zip")

API_PORT=$(free_port); API_PID=$(start_host api Api "$API_PORT")
WORKER_PORT=$(free_port); export Imports__BatchSize=$BATCH; WORKER_PID=$(start_host worker Worker "$WORKER_PORT"); unset Imports__BatchSize
WORKER_PROC=$(ps -o pid= --ppid "$WORKER_PID" | head -n 1 | tr -d ' ')
URL="http://127.0.0.1:$API_PORT"
TOKEN=$(ConnectionStrings__hiplog=$CS Auth__SigningKey=$KEY ASPNETCORE_ENVIRONMENT=Production DOTNET_ENVIRONMENT=Production \
  dotnet "$ROOT/src/Api/bin/Release/net10.0/HipLog.Api.dll" token bench-importer 2>>"$WORK/token.log" | tail -n 1)
say "Api on $URL, Worker on 127.0.0.1:$WORKER_PORT (process $WORKER_PROC); the Worker's daemon gets 10 s to settle"
sleep 10

ticks() { awk '{print $14+$15}' "/proc/$1/stat" 2>/dev/null || echo 0; }
field() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }
now() { date +%s.%N; }
post() { # ZIP RUNNER: posts the archive, echoes its status Location
  curl -fsS -o "$WORK/accepted.json" -D - --data-binary @"$1" -H 'Content-Type: application/zip' \
    -H "Authorization: Bearer $TOKEN" "$URL/runners/$2/imports" | tr -d '\r' | awk 'tolower($1) == "location:" {print $2}'
}
wait_done() { # LOCATION: polls every 0.2 s until the import is done or failed
  local since; since=$(now)
  while :; do
    curl -fsS -H "Authorization: Bearer $TOKEN" "$URL$1" >"$WORK/status.json"
    status=$(field "['status']" <"$WORK/status.json")
    case $status in done|failed) return 0 ;; esac
    [ "$(awk -v a="$since" -v b="$(now)" 'BEGIN { print (b - a > 900) }')" = 1 ] && { say "not done after 15 minutes"; exit 1; }
    sleep 0.2
  done
}
# Untimed: the first request of each endpoint and the first job pay for code generation and connection pools.
WARMUP=$(post "$WORK/warmup.zip" bench-importer)
[ -n "$WARMUP" ] || { say "no Location: $(cat "$WORK/accepted.json")"; exit 1; }
wait_done "$WARMUP"
c0=$(ticks "$WORKER_PROC")
t0=$(now)
LOCATION=$(post "$WORK/export.zip" bench-importer)
t1=$(now)
[ -n "$LOCATION" ] || { say "no Location: $(cat "$WORK/accepted.json")"; exit 1; }
wait_done "$LOCATION"
t2=$(now)
c1=$(ticks "$WORKER_PROC")
# The Worker's peak resident memory since it started (the kernel's high-water mark), warm-up included.
PEAK=$(awk '/VmHWM/ {printf "%.0f MB", $2 / 1024}' "/proc/$WORKER_PROC/status")
IMPORTED=$(field "['imported']" <"$WORK/status.json")
DUPLICATES=$(field "['duplicates']" <"$WORK/status.json")
FAILED=$(field "['failed'].__len__()" <"$WORK/status.json")
[ "$status" = done ] && [ "$IMPORTED" = "$FILES" ] || { say "import ended $status with $IMPORTED imported: $(head -c 600 "$WORK/status.json")"; exit 1; }
RUNS=$(curl -fsS -H "Authorization: Bearer $TOKEN" "$URL/runners/bench-importer/runs?limit=1" | field "['items'].__len__()")
[ "$RUNS" = 1 ] || { say "the runs are not listed"; exit 1; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }
{
  echo "Run of $(date -u '+%Y-%m-%d %H:%M UTC') on $(nproc) cores, .NET SDK $(dotnet --version), commit $(git rev-parse --short HEAD 2>/dev/null || echo '?'), load average $(cut -d' ' -f1-3 /proc/loadavg) at the end; Api and Worker in Release, Production; Worker batch $BATCH files."
  echo
  echo "| files | archive (ZIP / $LABEL) | POST → 202 | 202 → done | POST → done | files/s | Worker CPU | Worker CPU per file | Worker peak RSS | imported / duplicates / failed |"
  echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
  echo "| $FILES | $(awk -v z="$ZIP" -v r="$RAW" 'BEGIN { printf "%.1f MB / %.1f MB", z / 1048576, r / 1048576 }') | $(secs "$t0" "$t1") s | $(secs "$t1" "$t2") s | **$(secs "$t0" "$t2") s** | $(awk -v n="$FILES" -v a="$t0" -v b="$t2" 'BEGIN { printf "%.0f", n / (b - a) }') | $(awk -v t=$((c1 - c0)) 'BEGIN { printf "%.1f s", t / 100 }') | $(awk -v t=$((c1 - c0)) -v n="$FILES" 'BEGIN { printf "%.1f ms", t * 10 / n }') | $PEAK | $IMPORTED / $DUPLICATES / $FAILED |"
} | tee "$REPORT" >&2
write_section "$([ "$FORMAT" = gpx ] && echo import-bench || echo import-bench-fit)" "$REPORT"
say "figures written to docs/benchmarks.md"
