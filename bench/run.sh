#!/usr/bin/env bash
# HipLog's benchmark of the write and read paths, run by hand (never a test). One command on a fresh machine:
#
#   bench/run.sh
#
# On one throwaway PostgreSQL cluster with stock settings (fsync on), it measures, in this order:
#   1. the ceiling: pgbench, one-row JSON insert transactions, 16 clients;
#   2. the seed: 1 runner × 3 years and HIPLOG_BENCH_RUNNERS (1,000) runners × 1 year, through Marten;
#   3. the 90-day pain-trend read, p50/p95, for the 3-year runner and a random 1-year runner, 1 and 4 clients;
#   4. sequential POST pain-reports for a new runner and after 1,000 and 3,000 earlier reports;
#   5. what a correction in the past and a time-zone change rewrite for the 3-year runner;
#   6. POST pain-reports through the real Api (Release, Production, a JWT per runner) with wrk, 16 connections
#      round-robin over 200 runners: requests/s, p50, p99, the ratio to the ceiling, CPU per write;
#   7. with the Worker running: the pain watch's latency when quiet, and during a 60-second full-speed burst;
#   8. each projection's rebuild rate against reading the raw events.
# The tables go to the terminal and into docs/benchmarks.md, between its bench markers.
#
# Knobs: HIPLOG_BENCH_RUNNERS (1000), HIPLOG_BENCH_WRITE_SECONDS (30), HIPLOG_BENCH_BURST_SECONDS (60),
#        HIPLOG_BENCH_WARMUP_SECONDS (60), HIPLOG_BENCH_PGDATA (keep the cluster there; a second run skips the seed).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

RUNNERS=${HIPLOG_BENCH_RUNNERS:-1000}
WRITE_SECONDS=${HIPLOG_BENCH_WRITE_SECONDS:-30}
BURST_SECONDS=${HIPLOG_BENCH_BURST_SECONDS:-60}
WARMUP_SECONDS=${HIPLOG_BENCH_WARMUP_SECONDS:-60}
LAST_DAY=$(date -u -d yesterday +%F)

say() { printf '\033[1m[bench]\033[0m %s\n' "$*" >&2; }
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

WORK=$(mktemp -d /tmp/hiplog-bench.XXXXXX)
chmod 755 "$WORK"
REPORT=$WORK/report.md
PG_BIN="" PGDATA_DIR="" PG_STARTED="" API_PID="" WORKER_PID=""

# shellcheck source=bench/lib.sh
. "$ROOT/bench/lib.sh"

cleanup() { finish $? "$PGDATA_DIR" "$WORKER_PID" "$API_PID"; }
trap cleanup EXIT
trap 'exit 130' INT TERM

# 0. Tools: wrk and pgbench come from Debian's packages.
need() { command -v "$1" >/dev/null 2>&1 || { [ "$(id -u)" = 0 ] && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$2" >/dev/null; } || { say "$1 is missing (apt-get install $2)"; exit 1; }; }
need wrk wrk
need curl curl
find_pg_bin || { need initdb postgresql; find_pg_bin; }

{
  echo "Run of $(date -u '+%Y-%m-%d %H:%M UTC') on $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GB RAM", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), .NET SDK $(dotnet --version), commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')."
  echo
} >"$REPORT"

# 1. PostgreSQL: stock settings from initdb (fsync on, synchronous_commit on, shared_buffers 128 MB), loopback.
PGDATA_DIR=${HIPLOG_BENCH_PGDATA:-$WORK/pg}
start_cluster "$PGDATA_DIR"
PSQL=("$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -v ON_ERROR_STOP=1 -Atq)
for db in hiplog_bench ceiling; do "${PSQL[@]}" -d postgres -c "select 1 from pg_database where datname = '$db'" | grep -q 1 || "${PSQL[@]}" -d postgres -c "create database $db"; done
CS="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=hiplog_bench"
PG_PID=$(head -n 1 "$PGDATA_DIR/postmaster.pid")
say "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PG_PORT"

# CPU seconds (user + system, children included) of the cluster and of one process, from /proc.
pg_ticks() { local s=0 v p; for p in $PG_PID $(pgrep -P "$PG_PID"); do v=$(awk '{print $14+$15+$16+$17}' "/proc/$p/stat" 2>/dev/null || echo 0); s=$((s + v)); done; echo "$s"; }
proc_ticks() { awk '{print $14+$15}' "/proc/$1/stat" 2>/dev/null || echo 0; }
per() { awk -v a="$1" -v n="$2" 'BEGIN { printf "%.2f", (n > 0 ? a * 10 / n : 0) }'; }

# 2. Build
say "building Release"
timeout 900 dotnet build "$ROOT/bench/HipLog.Bench/HipLog.Bench.csproj" -c Release -nologo -v quiet >"$WORK/build.log" 2>&1
timeout 900 dotnet build "$ROOT/src/Worker/HipLog.Worker.csproj" -c Release -nologo -v quiet >>"$WORK/build.log" 2>&1
bench() { local limit=$1; shift; timeout "$limit" dotnet "$ROOT/bench/HipLog.Bench/bin/Release/net10.0/HipLog.Bench.dll" "$@"; }

# 3. The ceiling
say "pgbench: one-row JSON inserts, 16 clients, 20 s"
"${PSQL[@]}" -d ceiling -c "drop table if exists ceiling; create table ceiling (seq bigserial primary key, stream text not null, version int not null, data jsonb not null, at timestamptz not null default now()); create index on ceiling (stream, version)"
cat >"$WORK/ceiling.sql" <<'EOF'
\set s random(1, 2000000000)
insert into ceiling (stream, version, data) values ('runner-' || :s, 1, '{"runnerId":"bench-w001","reportId":"0b0e5a4c-3d3a-4a4e-9a7b-9e9c2a1f5d11","report":{"score":4,"location":"front-hip","side":"left","timing":"after-run","character":"ache","runId":null,"redFlags":{"painAtRest":false,"painAtNight":false},"notes":null,"reportedAt":"2026-11-26T07:00:00Z"}}');
EOF
p0=$(pg_ticks)
"$PG_BIN/pgbench" -h 127.0.0.1 -p "$PG_PORT" -U postgres -n -c 16 -j 2 -T 20 -f "$WORK/ceiling.sql" ceiling >"$WORK/pgbench.log" 2>&1
p1=$(pg_ticks)
CEILING=$(awk '/^tps/ {printf "%.0f", $3}' "$WORK/pgbench.log")
CEILING_TX=$(awk '/number of transactions actually processed/ {print $NF}' "$WORK/pgbench.log" | cut -d/ -f1)
{
  echo "### The ceiling"
  echo
  echo "pgbench, one-row inserts of a 250-byte JSON document into a table with a primary key and an index on (stream, version), 16 clients, 20 s:"
  echo "**$CEILING transactions/s**, $(per $((p1 - p0)) "$CEILING_TX") ms of PostgreSQL CPU each."
  echo
} >>"$REPORT"

# 4. Seed
say "seeding"
bench 3600 seed --connection "$CS" --parallel 2 --runners "$RUNNERS" --last-day "$LAST_DAY" | tee "$WORK/seed.log" >&2

# 5. The Api, as in production, on loopback
KEY=$(head -c 48 /dev/urandom | base64 | tr -d '\n/+=')
API_PORT=$(free_port); WORKER_PORT=$(free_port)
API_PID=$(start_host api Api "$API_PORT")
API_PROC=$(ps -o pid= --ppid "$API_PID" | head -n 1 | tr -d ' ')
URL="http://127.0.0.1:$API_PORT"
say "Api on $URL"

# 6. Reads
say "timing 90-day trend reads"
{ echo "### Reading a 90-day pain trend"; echo; } >>"$REPORT"
bench 1800 measure --url "$URL" --signing-key "$KEY" --requests 2000 --warmup 200 --concurrency 4 --days 90 --quiet-wait 300 \
  --runners "$RUNNERS" --last-day "$LAST_DAY" --api-pid "$API_PROC" --pg-pid "$PG_PID" | tee -a "$REPORT" >&2

# 7. Write latency against history, and what rewrites cost
say "sequential writes and rewrites"
{ echo "### One runner's writes, one at a time, against the length of their history"; echo; } >>"$REPORT"
bench 900 sequence --url "$URL" --signing-key "$KEY" --connection "$CS" | tee -a "$REPORT" >&2
{ echo "### What a change in the past rewrites (3-year runner)"; echo; } >>"$REPORT"
bench 900 rewrites --url "$URL" --signing-key "$KEY" --connection "$CS" | tee -a "$REPORT" >&2

# 8. Write throughput
bench 60 write-script --signing-key "$KEY" --out "$WORK/write.lua" >&2
say "write load: warm-up ${WARMUP_SECONDS} s, then ${WRITE_SECONDS} s timed"
wrk -t2 -c16 -d"${WARMUP_SECONDS}s" -s "$WORK/write.lua" "$URL" >/dev/null
a0=$(proc_ticks "$API_PROC"); p0=$(pg_ticks); m0=$(awk '/^cpu / {print $2+$3+$4+$7+$8}' /proc/stat)
wrk -t2 -c16 -d"${WRITE_SECONDS}s" -s "$WORK/write.lua" "$URL" >"$WORK/wrk.log"
a1=$(proc_ticks "$API_PROC"); p1=$(pg_ticks); m1=$(awk '/^cpu / {print $2+$3+$4+$7+$8}' /proc/stat)
W=$(grep -o 'WRK {.*}' "$WORK/wrk.log" | cut -c5-)
field() { echo "$W" | grep -o "\"$1\":[0-9.]*" | cut -d: -f2; }
N=$(field requests); S=$(field seconds)
RATE=$(awk -v n="$N" -v s="$S" 'BEGIN { printf "%.0f", n / s }')
{
  echo "### POST pain-reports at full speed (no Worker running)"
  echo
  echo "wrk, 2 threads, 16 connections, round-robin over 200 runners each with its own token, ${WARMUP_SECONDS} s warm-up then ${WRITE_SECONDS} s timed."
  echo
  echo "| writes | writes/s | share of the ceiling | p50 ms | p90 ms | p99 ms | max ms | errors | Api CPU ms/write | PostgreSQL CPU ms/write | machine busy |"
  echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
  echo "| $N | $RATE | $(awk -v r="$RATE" -v c="$CEILING" 'BEGIN { printf "%.1f%%", 100 * r / c }') | $(field p50) | $(field p90) | $(field p99) | $(field max) | $(field errors) | $(per $((a1 - a0)) "$N") | $(per $((p1 - p0)) "$N") | $(awk -v b=$((m1 - m0)) -v s="$S" -v c="$(nproc)" 'BEGIN { printf "%.0f%%", 100 * b / (s * 100 * c) }') |"
  echo
} | tee -a "$REPORT" >&2

# 9. The pain watch
WORKER_PID=$(start_host worker Worker "$WORKER_PORT")
say "Worker on 127.0.0.1:$WORKER_PORT; waiting for the pain watch to read the seeded history"
caught_up() { "${PSQL[@]}" -d hiplog_bench -c "select coalesce((select last_seq_id from hiplog.mt_event_progression where name like 'pain-watch%' limit 1), 0) >= (select coalesce(max(seq_id), 0) from hiplog.mt_events) - 5"; }
for _ in $(seq 1 600); do [ "$(caught_up)" = t ] && break; sleep 1; done
{
  echo "### The pain watch: PainReported → PainRiseDetected"
  echo
  echo "The delay between the two events' store timestamps, for every report the watch acted on (ms). Urgent reports are those the red-flag lane advises on: a score of 8 or more, or \"pain at night\" (one in a hundred of the burst's); every third report of the quiet run is an 8."
  echo
  echo "| when | reports | acted on | p50 | p95 | max | urgent (lane) | urgent p50 | urgent p95 | reports judged per second |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
} >>"$REPORT"
seq_now() { "${PSQL[@]}" -d hiplog_bench -c "select coalesce(max(seq_id), 0) from hiplog.mt_events"; }
SINCE=$(seq_now)
bench 300 quiet-reports --url "$URL" --signing-key "$KEY" --requests 40 >&2
sleep 3
bench 300 watch-lag --connection "$CS" --since-seq "$SINCE" --label "quiet: one flare every 250 ms" | tee -a "$REPORT" >&2
SINCE=$(seq_now)
say "burst: ${BURST_SECONDS} s of writes at full speed with the Worker running"
group_ticks() { local s=0 p; for p in $(pgrep -g "$1"); do s=$((s + $(proc_ticks "$p"))); done; echo "$s"; }
W0=$(group_ticks "$WORKER_PID")
wrk -t2 -c16 -d"${BURST_SECONDS}s" -s "$WORK/write.lua" "$URL" >"$WORK/burst.log"
BEHIND=$("${PSQL[@]}" -d hiplog_bench -c "select (select max(seq_id) from hiplog.mt_events) - coalesce((select last_seq_id from hiplog.mt_event_progression where name like 'pain-watch%' limit 1), 0)")
START=$(date +%s.%N)
for _ in $(seq 1 9000); do [ "$(caught_up)" = t ] && break; sleep 0.1; done
CATCHUP=$(awk -v a="$START" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
W1=$(group_ticks "$WORKER_PID")
JUDGED=$("${PSQL[@]}" -d hiplog_bench -c "select count(*) from hiplog.mt_events where seq_id > $SINCE and type in ('pain_reported', 'pain_report_corrected')")
W=$(grep -o 'WRK {.*}' "$WORK/burst.log" | cut -c5-)
bench 300 watch-lag --connection "$CS" --since-seq "$SINCE" --label "during a ${BURST_SECONDS}-second burst of $(field requests) writes ($(awk -v n="$(field requests)" -v s="$(field seconds)" 'BEGIN { printf "%.0f", n / s }')/s)" | tee -a "$REPORT" >&2
{ echo; echo "At the end of the burst the watch was $BEHIND events behind the store and caught up $CATCHUP s later. The Worker used $(per $((W1 - W0)) "$JUDGED") ms of CPU per report judged ($JUDGED reports, from the burst's start to caught up; both lanes, delivery and Hangfire included)."; echo; } | tee -a "$REPORT" >&2
stop_group "$WORKER_PID"; WORKER_PID=""
stop_group "$API_PID"; API_PID=""

# 10. Rebuilds
say "rebuilding the projections"
{ echo "### Rebuilding projections from the events"; echo; } >>"$REPORT"
bench 3600 rebuild --connection "$CS" --projections TrainingLoad,PainReportView,RunView,StretchSessionView,StretchEffectiveness,RecommendationView,RunnerProfile | tee -a "$REPORT" >&2

# 11. Into docs/benchmarks.md, between the markers (the rest of the page is prose kept by hand).
write_section bench "$REPORT"
say "figures written to docs/benchmarks.md"
