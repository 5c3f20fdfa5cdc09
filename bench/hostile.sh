#!/usr/bin/env bash
# Memory and connections under hostile uploads and cheap floods (run by hand, never a test).
#
#   bench/hostile.sh
#
# On a throwaway PostgreSQL cluster (stock settings, max_connections 100) it starts one Api and one Worker in
# Release/Production on loopback, then:
#   1. posts 8 archives of HIPLOG_BENCH_UPLOAD_MB (250) MB at once, from 8 runners, and reads the Api's peak RSS;
#   2. posts an archive of HIPLOG_BENCH_BOMBS (2,000) .gpx.gz entries that each gunzip to 19.5 MB (294:1), waits for
#      the import, and reads the Worker's peak RSS;
#   3. floods for 15 s: 1,000 anonymous /health/ready, 50 uploads trickled at 300 bytes/s, 16 runners writing pain
#      reports; it counts "too many clients" in the server log and the slowest write.
# Peaks are VmHWM from /proc, above VmRSS at rest. Figures go to the terminal and into docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
UPLOAD_MB=${HIPLOG_BENCH_UPLOAD_MB:-250}
BOMBS=${HIPLOG_BENCH_BOMBS:-2000}
say() { printf '\033[1m[hostile-bench]\033[0m %s\n' "$*" >&2; }
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

WORK=$(mktemp -d /tmp/hiplog-hostile-bench.XXXXXX)
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
throwaway_database hiplog_hostile
KEY=$(head -c 48 /dev/urandom | base64 | tr -d '\n/+=')

say "building Release"
for project in Api Worker; do timeout 900 dotnet build "$ROOT/src/$project/HipLog.$project.csproj" -c Release -nologo -v quiet >>"$WORK/build.log" 2>&1; done
say "writing the archives"
python3 "$ROOT/bench/hostile_archives.py" large "$WORK/large.zip" --mb "$UPLOAD_MB"
python3 "$ROOT/bench/hostile_archives.py" bombs "$WORK/bombs.zip" --files "$BOMBS" >/dev/null

API_PORT=$(free_port); API_PID=$(start_host api Api "$API_PORT")
WORKER_PORT=$(free_port); WORKER_PID=$(start_host worker Worker "$WORKER_PORT")
proc_of() { ps -o pid= --ppid "$1" | head -n 1 | tr -d ' '; }
API_PROC=$(proc_of "$API_PID"); WORKER_PROC=$(proc_of "$WORKER_PID")
URL="http://127.0.0.1:$API_PORT"
token() { ConnectionStrings__hiplog=$CS Auth__SigningKey=$KEY ASPNETCORE_ENVIRONMENT=Production DOTNET_ENVIRONMENT=Production \
  dotnet "$ROOT/src/Api/bin/Release/net10.0/HipLog.Api.dll" token "$1" 2>>"$WORK/token.log" | tail -n 1; }
mb() { awk -v k="$(awk -v f="$2" '$1 == f":" {print $2}' "/proc/$1/status")" 'BEGIN { printf "%.0f", k / 1024 }'; }
sleep 5

for i in $(seq 1 8); do TOKENS[$i]=$(token "bench-uploader-$i"); done
API_REST=$(mb "$API_PROC" VmRSS)
say "8 uploads of $UPLOAD_MB MB at once (Api at rest: $API_REST MB)"
for i in $(seq 1 8); do
  curl -s -o "$WORK/upload-$i.json" -w '%{http_code}\n' --data-binary @"$WORK/large.zip" -H 'Content-Type: application/zip' \
    -H "Authorization: Bearer ${TOKENS[$i]}" "$URL/runners/bench-uploader-$i/imports" >"$WORK/upload-$i.code" &
done
wait
ACCEPTED=$(cat "$WORK"/upload-*.code | grep -c '^202$' || true)
[ "$ACCEPTED" = 8 ] || grep -m2 -B2 -A12 "xception" "$WORK/api.log" >&2 || true
[ "$ACCEPTED" = 8 ] || say "uploads answered $(sort "$WORK"/upload-*.code | uniq -c | tr '\n' ' '): $(head -c 400 "$WORK/upload-1.json")"
API_PEAK=$(mb "$API_PROC" VmHWM)

BOMBER=$(token bench-bomber)
WORKER_REST=$(mb "$WORKER_PROC" VmRSS)
say "an archive of $BOMBS gzip bombs (Worker at rest: $WORKER_REST MB)"
LOCATION=$(curl -fsS -D - -o "$WORK/bombs.json" --data-binary @"$WORK/bombs.zip" -H 'Content-Type: application/zip' \
  -H "Authorization: Bearer $BOMBER" "$URL/runners/bench-bomber/imports" | tr -d '\r' | awk 'tolower($1) == "location:" {print $2}')
t0=$(date +%s)
until curl -fsS -H "Authorization: Bearer $BOMBER" "$URL$LOCATION" >"$WORK/status.json" \
  && grep -qE '"status":"(done|failed)"' "$WORK/status.json"; do
  [ $(( $(date +%s) - t0 )) -lt 1800 ] || { say "the import did not end in 30 minutes"; exit 1; }
  sleep 1
done
BOMB_SECS=$(( $(date +%s) - t0 ))
BOMB_STATUS=$(python3 -c "import json; s=json.load(open('$WORK/status.json')); print(s['status'], len(s['failed']))")
WORKER_PEAK=$(mb "$WORKER_PROC" VmHWM)

say "flood: 1,000 health checks, 50 slow uploads, 16 writers for 15 s"
for i in $(seq 1 16); do WRITERS[$i]=$(token "bench-writer-$i"); done
for i in $(seq 1 50); do
  head -c 100000 /dev/urandom | curl -s -o /dev/null --limit-rate 300 --max-time 15 --data-binary @- -H 'Content-Type: application/zip' \
    -H "Authorization: Bearer ${TOKENS[$(( i % 8 + 1 ))]}" "$URL/runners/bench-uploader-$(( i % 8 + 1 ))/imports" &
done
seq 1 1000 | xargs -P 100 -I{} curl -s -o /dev/null -w '%{http_code}\n' "$URL/health/ready" >"$WORK/health.codes" &
for i in $(seq 1 16); do
  ( end=$(( $(date +%s) + 15 )); n=0
    while [ "$(date +%s)" -lt "$end" ]; do
      n=$((n + 1))
      curl -s -o /dev/null -w '%{http_code} %{time_total}\n' -H 'Content-Type: application/json' -H "Authorization: Bearer ${WRITERS[$i]}" \
        --data "{\"reportedAt\":\"2026-11-2$(( n % 9 ))T08:00:00+01:00\",\"score\":3,\"location\":\"front-hip\",\"side\":\"left\",\"timing\":\"after-run\",\"character\":\"ache\"}" \
        "$URL/runners/bench-writer-$i/pain-reports"
    done >"$WORK/writer-$i.times" ) &
done
wait
TOO_MANY=$(grep -c 'too many clients' "$WORK/pg/server.log" || true)
WRITES=$(cat "$WORK"/writer-*.times | wc -l)
WRITE_OK=$(cat "$WORK"/writer-*.times | grep -c '^201 ' || true)
SLOWEST=$(cat "$WORK"/writer-*.times | awk '{ if ($2 > m) m = $2 } END { printf "%.3f", m }')
P99=$(cat "$WORK"/writer-*.times | awk '{print $2}' | sort -n | awk '{a[NR]=$1} END { printf "%.3f", a[int(NR * 0.99)] }')
HEALTH_OK=$(grep -c '^200$' "$WORK/health.codes" || true)

{
  echo "Run of $(date -u '+%Y-%m-%d %H:%M UTC') on $(nproc) cores, commit $(git rev-parse --short HEAD 2>/dev/null || echo '?'); Api and Worker in Release, Production, one of each; PostgreSQL stock (max_connections 100)."
  echo
  echo "| what | figure | target |"
  echo "|---|---:|---:|"
  echo "| Api: 8 uploads of $UPLOAD_MB MB at once ($ACCEPTED of 8 answered 202) | peak RSS $API_PEAK MB, **$((API_PEAK - API_REST)) MB above rest** ($API_REST MB) | ≤ 400 MB above rest |"
  echo "| Worker: $BOMBS .gpx.gz entries of 66 KB that gunzip to 19.5 MB each, imported in ${BOMB_SECS} s (status, files failed: $BOMB_STATUS) | **peak RSS $WORKER_PEAK MB** (rest $WORKER_REST MB) | ≤ 400 MB |"
  echo "| flood: \"too many clients\" in the server log | **$TOO_MANY** | 0 |"
  echo "| flood: $WRITES pain reports from 16 runners ($WRITE_OK answered 201) | slowest **${SLOWEST} s**, p99 ${P99} s | < 1 s |"
  echo "| flood: 1,000 anonymous /health/ready, 100 at a time | $HEALTH_OK answered 200 | |"
} | tee "$REPORT" >&2
write_section hostile-bench "$REPORT"
say "figures written to docs/benchmarks.md"
