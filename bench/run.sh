#!/usr/bin/env bash
# Pain-trend latency benchmark, run by hand (not a test):
#   1. a throwaway PostgreSQL cluster on a free loopback port (or HIPLOG_BENCH_POSTGRES, a connection string),
#   2. a Release build, 3. the seed (1 runner × 3 years, 1,000 runners × 1 year; skipped if already there),
#   4. the real Api under Kestrel on 127.0.0.1, 5. GET /runners/{id}/pain-trend timed over HTTP, 6. an
#   in-process profile of the endpoint's steps, 7. the Api and the cluster stopped and the cluster deleted.
#
#   bench/run.sh                                    everything, from scratch (≈ 10–15 minutes on 2 cores)
#   HIPLOG_BENCH_PGDATA=/tmp/hiplog-bench-pg bench/run.sh
#                                                   keeps the cluster there: a second run skips the seed
#   HIPLOG_BENCH_POSTGRES="Host=…;Port=…;Username=…;Database=…" bench/run.sh
#                                                   an existing server (the database must exist; nothing is dropped)
# Knobs: HIPLOG_BENCH_RUNNERS (1000), HIPLOG_BENCH_REQUESTS (2000), HIPLOG_BENCH_WARMUP (200),
#        HIPLOG_BENCH_CONCURRENCY (4), HIPLOG_BENCH_DAYS (90), HIPLOG_BENCH_LAST_DAY (2026-11-25), HIPLOG_BENCH_PARALLEL (2),
#        HIPLOG_BENCH_QUIET_WAIT (600: seconds to wait for other work on the machine, such as a test run, to end).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

RUNNERS=${HIPLOG_BENCH_RUNNERS:-1000}
REQUESTS=${HIPLOG_BENCH_REQUESTS:-2000}
WARMUP=${HIPLOG_BENCH_WARMUP:-200}
CONCURRENCY=${HIPLOG_BENCH_CONCURRENCY:-4}
DAYS=${HIPLOG_BENCH_DAYS:-90}
LAST_DAY=${HIPLOG_BENCH_LAST_DAY:-2026-11-25}
PARALLEL=${HIPLOG_BENCH_PARALLEL:-2}

say() { printf '\033[1m[bench]\033[0m %s\n' "$*"; }
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

WORK=$(mktemp -d /tmp/hiplog-bench.XXXXXX)
chmod 755 "$WORK"
PG_BIN="" PGDATA_DIR="" PG_STARTED="" API_PID=""

as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

port_free() {
  if command -v ss >/dev/null 2>&1; then [ -z "$(ss -Hltn "sport = :$1" 2>/dev/null)" ]
  else ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; fi
}
free_port() {
  local p
  for p in $(shuf -i 20000-60999 -n 64); do port_free "$p" && { echo "$p"; return 0; }; done
  return 1
}

cleanup() {
  local status=$?
  trap - EXIT INT TERM
  if [ -n "$API_PID" ] && kill -0 "$API_PID" 2>/dev/null; then
    say "stopping the Api"
    kill -TERM -- "-$API_PID" 2>/dev/null || kill -TERM "$API_PID" 2>/dev/null || true
    for _ in $(seq 1 40); do kill -0 "$API_PID" 2>/dev/null || break; sleep 0.5; done
    kill -KILL -- "-$API_PID" 2>/dev/null || true
  fi
  if [ -n "$PG_STARTED" ]; then
    say "stopping PostgreSQL"
    as_pg "$PG_BIN/pg_ctl" -D "$PGDATA_DIR" -m fast -w -t 60 stop >/dev/null 2>&1 || true
  fi
  if [ "$status" -ne 0 ]; then
    for f in "$WORK"/*.log; do [ -e "$f" ] && { say "tail of $(basename "$f")"; tail -n 40 "$f"; }; done
  fi
  rm -rf "$WORK"
  [ -n "${HIPLOG_BENCH_PGDATA:-}" ] && [ -n "$PGDATA_DIR" ] && say "cluster kept in $PGDATA_DIR"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

say "$(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GB RAM", $2/1048576}' /proc/meminfo), .NET SDK $(dotnet --version)"

# 1. PostgreSQL
if [ -n "${HIPLOG_BENCH_POSTGRES:-}" ]; then
  CS=$HIPLOG_BENCH_POSTGRES
  say "using HIPLOG_BENCH_POSTGRES"
else
  for d in ${HIPLOG_PG_BIN:-} $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ] && { PG_BIN=$d; break; }
  done
  [ -n "$PG_BIN" ] || { say "no PostgreSQL server binaries (apt-get install postgresql, or set HIPLOG_BENCH_POSTGRES)"; exit 1; }
  if [ -n "${HIPLOG_BENCH_PGDATA:-}" ]; then PGDATA_DIR=$HIPLOG_BENCH_PGDATA; else PGDATA_DIR=$WORK/pg; fi
  mkdir -p "$PGDATA_DIR"
  [ "$(id -u)" = 0 ] && chown postgres "$PGDATA_DIR" && chmod 700 "$PGDATA_DIR"
  if [ ! -f "$PGDATA_DIR/PG_VERSION" ]; then
    as_pg "$PG_BIN/initdb" -D "$PGDATA_DIR" -U postgres --auth=trust -E UTF8 --no-locale >"$WORK/initdb.log" 2>&1
  fi
  PG_PORT=$(free_port) || { say "no free loopback port"; exit 1; }
  # Stock settings from initdb (fsync on, shared_buffers 128MB); loopback only, socket in the data folder.
  as_pg "$PG_BIN/pg_ctl" -D "$PGDATA_DIR" -l "$PGDATA_DIR/server.log" -w -t 60 \
    -o "-p $PG_PORT -k $PGDATA_DIR -c listen_addresses=127.0.0.1" start >/dev/null
  PG_STARTED=1
  "$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -Atqc "select 1 from pg_database where datname = 'hiplog_bench'" | grep -q 1 \
    || "$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -qc "create database hiplog_bench"
  CS="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=hiplog_bench"
  say "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PG_PORT ($PGDATA_DIR)"
fi

# 2. Build (the bench project builds the Api and the Domain with it)
say "building Release"
timeout 900 dotnet build "$ROOT/bench/HipLog.Bench/HipLog.Bench.csproj" -c Release -nologo -v quiet >"$WORK/build.log" 2>&1
bench() { local limit=$1; shift; timeout "$limit" dotnet "$ROOT/bench/HipLog.Bench/bin/Release/net10.0/HipLog.Bench.dll" "$@"; }
COMMON=(--runners "$RUNNERS" --last-day "$LAST_DAY")

# 3. Seed
say "seeding"
bench 3600 seed --connection "$CS" --parallel "$PARALLEL" "${COMMON[@]}"

# 4. The Api, as it runs in production, on loopback
API_PORT=$(free_port) || { say "no free loopback port"; exit 1; }
KEY=$(head -c 48 /dev/urandom | base64 | tr -d '\n/+=')
say "starting the Api on 127.0.0.1:$API_PORT"
ConnectionStrings__hiplog=$CS Auth__SigningKey=$KEY ASPNETCORE_URLS="http://127.0.0.1:$API_PORT" \
  ASPNETCORE_ENVIRONMENT=Production DOTNET_ENVIRONMENT=Production \
  setsid dotnet run -c Release --project "$ROOT/src/Api" --no-launch-profile --no-build >"$WORK/api.log" 2>&1 &
API_PID=$!
ready=""
for _ in $(seq 1 240); do
  curl -fs "http://127.0.0.1:$API_PORT/health/ready" >/dev/null 2>&1 && { ready=1; break; }
  kill -0 "$API_PID" 2>/dev/null || { say "the Api exited"; exit 1; }
  sleep 0.5
done
[ -n "$ready" ] || { say "the Api was not ready within 120 s"; exit 1; }
# The Api's own process (dotnet run's child) and the postmaster: the measurement reads their CPU time from /proc.
PIDS=()
APP_PID=$(ps -o pid= --ppid "$API_PID" | head -n 1 | tr -d ' ')
[ -n "$APP_PID" ] && PIDS+=(--api-pid "$APP_PID")
[ -n "$PG_STARTED" ] && PIDS+=(--pg-pid "$(head -n 1 "$PGDATA_DIR/postmaster.pid")")

# 5. Measure over HTTP
say "measuring"
bench 1800 measure --url "http://127.0.0.1:$API_PORT" --signing-key "$KEY" --requests "$REQUESTS" --warmup "$WARMUP" \
  --concurrency "$CONCURRENCY" --days "$DAYS" --quiet-wait "${HIPLOG_BENCH_QUIET_WAIT:-600}" "${COMMON[@]}" "${PIDS[@]}" \
  || { status=$?; kill -0 "${APP_PID:-$API_PID}" 2>/dev/null || say "the Api process is gone (stopped from outside?)"; exit "$status"; }

# 6. Where the time goes, in-process
say "profiling the endpoint's steps in-process"

say "done"
