#!/usr/bin/env bash
# Where a write's PostgreSQL time goes, run by hand (never a test):
#
#   bench/statements.sh
#
# On a throwaway cluster with pg_stat_statements (nested statements tracked too), it runs the Api in Release with
# 16 wrk connections posting pain reports for 200 runners: a warm-up, then the counters are reset and the load runs
# again. It prints every statement with its calls, total and per-call time, for docs/benchmarks.md's "Where the time
# goes". Knob: HIPLOG_BENCH_STATEMENT_SECONDS (20), the length of the warm-up and of the counted load each.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
SECONDS_EACH=${HIPLOG_BENCH_STATEMENT_SECONDS:-20}
say() { printf '\033[1m[bench]\033[0m %s\n' "$*" >&2; }
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1

WORK=$(mktemp -d /tmp/hiplog-statements.XXXXXX)
chmod 755 "$WORK"
PG_BIN="" PG_STARTED="" API_PID=""
# shellcheck source=bench/lib.sh
. "$ROOT/bench/lib.sh"
trap 'finish $? "$WORK/pg" "$API_PID"' EXIT
trap 'exit 130' INT TERM

command -v wrk >/dev/null || { say "wrk is missing (apt-get install wrk)"; exit 1; }
find_pg_bin || { say "no PostgreSQL server binaries (apt-get install postgresql)"; exit 1; }
start_cluster "$WORK/pg"
printf "shared_preload_libraries = 'pg_stat_statements'\npg_stat_statements.track = 'all'\n" >>"$WORK/pg/postgresql.conf"
as_pg "$PG_BIN/pg_ctl" -D "$WORK/pg" -w -t 60 -o "-p $PG_PORT -k $WORK/pg -c listen_addresses=127.0.0.1" restart >/dev/null
PSQL=("$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -v ON_ERROR_STOP=1 -Atq)
"${PSQL[@]}" -d postgres -c "create database hiplog_bench"
"${PSQL[@]}" -d hiplog_bench -c "create extension pg_stat_statements"
CS="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=hiplog_bench"
KEY=$(head -c 48 /dev/urandom | base64 | tr -d '\n/+=')

say "building Release"
dotnet build "$ROOT/src/Api/HipLog.Api.csproj" -c Release -nologo -v quiet >"$WORK/build.log" 2>&1
dotnet build "$ROOT/bench/HipLog.Bench/HipLog.Bench.csproj" -c Release -nologo -v quiet >>"$WORK/build.log" 2>&1
PORT=$(free_port)
API_PID=$(start_host api Api "$PORT")
dotnet "$ROOT/bench/HipLog.Bench/bin/Release/net10.0/HipLog.Bench.dll" write-script --signing-key "$KEY" --out "$WORK/write.lua" >&2

say "warm-up ${SECONDS_EACH} s, then ${SECONDS_EACH} s counted"
wrk -t2 -c16 -d"${SECONDS_EACH}s" -s "$WORK/write.lua" "http://127.0.0.1:$PORT" >/dev/null
"${PSQL[@]}" -d hiplog_bench -c "select pg_stat_statements_reset()" >/dev/null
wrk -t2 -c16 -d"${SECONDS_EACH}s" -s "$WORK/write.lua" "http://127.0.0.1:$PORT" | grep -o 'WRK {.*}' | cut -c5- >&2

echo "| calls | total ms | ms per call | statement |"
echo "|---:|---:|---:|---|"
"${PSQL[@]}" -d hiplog_bench -F ' | ' -c "
  select calls, round(total_exec_time::numeric), round((total_exec_time / calls)::numeric, 3),
         left(regexp_replace(query, '\s+', ' ', 'g'), 160)
  from pg_stat_statements where query not like '%pg_stat_statements%'
  order by total_exec_time desc limit 25" | sed 's/^/| /; s/$/ |/'
