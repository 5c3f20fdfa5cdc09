#!/usr/bin/env bash
# Starts the whole of HipLog: PostgreSQL, the Api and the Worker.
# With a Docker engine: docker compose up --build. Without one: a local PostgreSQL from the machine's
# binaries (data kept in .local/postgres, so a restart keeps every runner's data) and both hosts via dotnet.
# Ctrl-C stops everything.
#
#   ./run.sh                one Api (5080) and one Worker (5081)
#   ./run.sh --replicas 2   two Apis (5080, 5180) and two Workers (5081, 5181) on the one database; instance i listens
#                           on the base ports + 100 × (i − 1). With Docker: the compose profile "replicas" (2 only).
set -euo pipefail
cd "$(dirname "$0")"

REPLICAS=1
while [ $# -gt 0 ]; do
  case $1 in
    --replicas) REPLICAS=${2:-}; shift 2 || { echo "--replicas needs a number" >&2; exit 2; } ;;
    --replicas=*) REPLICAS=${1#*=}; shift ;;
    *) echo "usage: ./run.sh [--replicas N]" >&2; exit 2 ;;
  esac
done
case $REPLICAS in ''|*[!0-9]*|0) echo "--replicas takes a whole number from 1 to 9" >&2; exit 2 ;; esac
[ "$REPLICAS" -le 9 ] || { echo "--replicas takes a whole number from 1 to 9" >&2; exit 2; }

API_PORT=${HIPLOG_API_PORT:-5080}
WORKER_PORT=${HIPLOG_WORKER_PORT:-5081}
PG_PORT=${HIPLOG_PG_PORT:-55432}
LOCAL=$PWD/.local
say() { printf '\033[1m[hiplog]\033[0m %s\n' "$*"; }

if [ "${HIPLOG_NO_DOCKER:-}" != 1 ] && command -v docker >/dev/null 2>&1 && docker info >/dev/null 2>&1; then
  # The compose file has no default key or erasure secret (one written in the repository would let anyone mint
  # tokens): each is made once for this machine and kept in .local/.
  own_secret() { # VARIABLE FILE: exports VARIABLE from .local/FILE, made first when missing; fails when it was set already
    [ -z "${!1:-}" ] || return 1
    mkdir -p "$LOCAL"
    [ -s "$LOCAL/$2" ] || (umask 077; head -c 48 /dev/urandom | base64 | tr -d '\n/+=' >"$LOCAL/$2")
    export "$1=$(cat "$LOCAL/$2")"
    say "${2//-/ }: $LOCAL/$2"
  }
  own_secret HIPLOG_SIGNING_KEY signing-key && say "mint a token: Auth__SigningKey=\"\$(cat .local/signing-key)\" dotnet run --project src/Api -- token alice"
  own_secret HIPLOG_ERASURE_SECRET erasure-secret || true
  if [ "$REPLICAS" = 1 ]; then
    say "Docker engine found: docker compose up --build"
    exec docker compose up --build
  fi
  [ "$REPLICAS" = 2 ] || { say "docker-compose.yml holds two of each (profile replicas); for $REPLICAS set HIPLOG_NO_DOCKER=1"; exit 2; }
  say "Docker engine found: docker compose --profile replicas up --build (Apis on 5080 and 5180, Workers on 5081 and 5181)"
  exec docker compose --profile replicas up --build
fi

say "no Docker engine answers; running PostgreSQL, Api and Worker on this machine"

find_pg_bin() {
  for d in ${HIPLOG_PG_BIN:-} $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ] && { echo "$d"; return; }
  done
  command -v initdb >/dev/null 2>&1 && dirname "$(command -v initdb)"
}

PG_BIN=$(find_pg_bin || true)
if [ -z "$PG_BIN" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    say "installing Debian's postgresql package"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    PG_BIN=$(find_pg_bin)
  else
    say "PostgreSQL server binaries not found: install them (apt-get install postgresql) or set HIPLOG_PG_BIN"; exit 1
  fi
fi

# As root, PostgreSQL must run as the postgres user, which needs to own its folders.
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
mkdir -p "$LOCAL/postgres" "$LOCAL/logs"
if [ "$(id -u)" = 0 ]; then
  chown postgres "$LOCAL/postgres"
  if ! runuser -u postgres -- test -w "$LOCAL/postgres"; then
    # A checkout under a private home (such as /root) is closed to the postgres user.
    say "the postgres user cannot reach $LOCAL; keeping the data in /var/lib/hiplog instead"
    LOCAL_PG=/var/lib/hiplog/$(printf '%s' "$PWD" | md5sum | cut -c1-12)
    mkdir -p "$LOCAL_PG" && chown postgres "$LOCAL_PG"
    rmdir "$LOCAL/postgres" 2>/dev/null || true
    ln -sfn "$LOCAL_PG" "$LOCAL/postgres"
  fi
fi
if [ ! -f "$LOCAL/postgres/data/PG_VERSION" ]; then
  say "creating a PostgreSQL cluster in .local/postgres/data"
  as_pg "$PG_BIN/initdb" -D "$LOCAL/postgres/data" -U postgres --auth=trust -E UTF8 --no-locale >/dev/null
fi
if ! as_pg "$PG_BIN/pg_ctl" -D "$LOCAL/postgres/data" status >/dev/null 2>&1; then
  as_pg "$PG_BIN/pg_ctl" -D "$LOCAL/postgres/data" -l "$LOCAL/postgres/server.log" -w \
    -o "-p $PG_PORT -k $LOCAL/postgres -c listen_addresses=127.0.0.1" start >/dev/null
fi
"$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -Atqc "select 1 from pg_database where datname = 'hiplog'" | grep -q 1 \
  || "$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -qc "create database hiplog"
say "PostgreSQL on 127.0.0.1:$PG_PORT"

pids=()
stop() {
  trap - INT TERM EXIT
  say "stopping"
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  as_pg "$PG_BIN/pg_ctl" -D "$LOCAL/postgres/data" -m fast -w stop >/dev/null 2>&1 || true
  say "stopped; the data stays in .local/postgres"
}
trap 'stop; exit 0' INT TERM
trap stop EXIT

export ConnectionStrings__hiplog="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=hiplog"
export ASPNETCORE_ENVIRONMENT=${ASPNETCORE_ENVIRONMENT:-Development} DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1

say "building"
dotnet build HipLog.sln -c Release -v quiet -nologo >"$LOCAL/logs/build.log" 2>&1 || { cat "$LOCAL/logs/build.log"; exit 1; }

# Instance i (from 1) listens on the base ports + 100 × (i − 1); the first keeps the plain log names.
port_of() { echo $(( $1 + 100 * ($2 - 1) )); }
log_of() { if [ "$2" = 1 ]; then echo "$LOCAL/logs/$1.log"; else echo "$LOCAL/logs/$1-$2.log"; fi; }
for i in $(seq 1 "$REPLICAS"); do
  PublicUrls__Base="http://localhost:$(port_of "$API_PORT" "$i")" ASPNETCORE_URLS="http://localhost:$(port_of "$API_PORT" "$i")" \
    dotnet run --project src/Api -c Release --no-build --no-launch-profile >"$(log_of api "$i")" 2>&1 &
  pids+=($!)
  ASPNETCORE_URLS="http://localhost:$(port_of "$WORKER_PORT" "$i")" dotnet run --project src/Worker -c Release --no-build --no-launch-profile >"$(log_of worker "$i")" 2>&1 &
  pids+=($!)
done

for _ in $(seq 1 $((120 * REPLICAS))); do
  ready=1
  for i in $(seq 1 "$REPLICAS"); do
    curl -fs "http://localhost:$(port_of "$API_PORT" "$i")/health/ready" >/dev/null 2>&1 && curl -fs "http://localhost:$(port_of "$WORKER_PORT" "$i")/health/ready" >/dev/null 2>&1 || ready=0
  done
  [ "$ready" = 1 ] && break
  for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null || { say "a host exited; see .local/logs"; tail -n 30 "$LOCAL"/logs/*.log; exit 1; }; done
  sleep 0.5
done

TOKEN=$(dotnet run --project src/Api -c Release --no-build --no-launch-profile -- token demo-runner 2>/dev/null | tail -n 1)
cat <<INFO

  Api            http://localhost:$API_PORT
  API page       http://localhost:$API_PORT/api-docs
  OpenAPI        http://localhost:$API_PORT/openapi/v1.json
  Jobs dashboard http://localhost:$WORKER_PORT/jobs   (loopback only)
  Logs           .local/logs/api.log, .local/logs/worker.log

  A token for runner "demo-runner" (mint others: dotnet run --project src/Api -- token <runnerId>):
  TOKEN=$TOKEN

  curl -X POST http://localhost:$API_PORT/runners/demo-runner/runs \\
    -H "Authorization: Bearer \$TOKEN" -H "Content-Type: application/json" \\
    -d '{"startedAt":"2026-11-25T07:10:00+01:00","distanceKm":8.4,"durationSeconds":2700,"perceivedEffort":6,"surface":"trail"}'
  curl http://localhost:$API_PORT/runners/demo-runner/runs -H "Authorization: Bearer \$TOKEN"

  Ctrl-C stops everything.
INFO
if [ "$REPLICAS" -gt 1 ]; then
  echo "  $REPLICAS instances on one database (send requests to any Api; the Workers share the watch and the jobs):"
  for i in $(seq 1 "$REPLICAS"); do
    printf '    #%s  Api http://localhost:%s  Worker http://localhost:%s/jobs  logs %s, %s\n' "$i" \
      "$(port_of "$API_PORT" "$i")" "$(port_of "$WORKER_PORT" "$i")" "$(log_of api "$i" | sed "s|$PWD/||")" "$(log_of worker "$i" | sed "s|$PWD/||")"
  done
  echo
fi

wait -n "${pids[@]}" || true
say "a host stopped on its own; see .local/logs"
exit 1
