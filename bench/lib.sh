# Shared by bench/run.sh, bench/export.sh and bench/import.sh (sourced, never run): ports, process groups, hosts, and a throwaway PostgreSQL
# cluster with stock settings on loopback. Callers set WORK and define say() first.

# Both hosts, and the Api's token command, need the erasure secret outside Development: one per bench run.
DataRights__ErasureSecret=$(head -c 48 /dev/urandom | base64 | tr -d '\n/+=')
export DataRights__ErasureSecret
# The token command builds the Api's host, which needs a public address; start_host gives each host its own.
export PublicUrls__Base=http://127.0.0.1

as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
free_port() { local p; for p in $(shuf -i 20000-60999 -n 64); do port_free "$p" && { echo "$p"; return 0; }; done; return 1; }
stop_group() { [ -n "$1" ] && kill -0 "$1" 2>/dev/null || return 0; kill -TERM -- "-$1" 2>/dev/null || kill -TERM "$1"; for _ in $(seq 1 40); do kill -0 "$1" 2>/dev/null || return 0; sleep 0.5; done; kill -KILL -- "-$1" 2>/dev/null || true; }

# Sets PG_BIN to the newest server binaries (HIPLOG_PG_BIN first); returns 1 when there are none.
find_pg_bin() {
  local d
  for d in ${HIPLOG_PG_BIN:-} $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do [ -x "$d/initdb" ] && { PG_BIN=$d; return 0; }; done
  return 1
}

# start_cluster DIR: initdb DIR unless it holds a cluster already, then start it on a free loopback port.
# Sets PG_PORT and PG_STARTED; stock settings (fsync on, synchronous_commit on, shared_buffers 128 MB).
start_cluster() {
  local dir=$1
  mkdir -p "$dir"; [ "$(id -u)" = 0 ] && chown postgres "$dir" && chmod 700 "$dir"
  [ -f "$dir/PG_VERSION" ] || as_pg "$PG_BIN/initdb" -D "$dir" -U postgres --auth=trust -E UTF8 --no-locale >"$WORK/initdb.log" 2>&1
  PG_PORT=$(free_port)
  as_pg "$PG_BIN/pg_ctl" -D "$dir" -l "$dir/server.log" -w -t 60 -o "-p $PG_PORT -k $dir -c listen_addresses=127.0.0.1" start >/dev/null
  PG_STARTED=1
}

# start_host NAME PROJECT PORT: runs src/PROJECT in Release/Production on loopback with $CS and $KEY, logs to
# $WORK/NAME.log, and echoes its process group once /health/ready answers.
start_host() { # name project port
  # One machine sends everything here: the per-runner and per-address limits would cut the load short.
  RateLimits__RunnerRequestsPerMinute=100000000 RateLimits__AnonymousRequestsPerMinute=100000000 \
  ConnectionStrings__hiplog=$CS Auth__SigningKey=$KEY PublicUrls__Base="http://127.0.0.1:$3" ASPNETCORE_URLS="http://127.0.0.1:$3" ASPNETCORE_ENVIRONMENT=Production DOTNET_ENVIRONMENT=Production \
    setsid dotnet run -c Release --project "$ROOT/src/$2" --no-launch-profile --no-build >"$WORK/$1.log" 2>&1 &
  local pid=$!
  for _ in $(seq 1 240); do curl -fs "http://127.0.0.1:$3/health/ready" >/dev/null 2>&1 && { echo "$pid"; return 0; }; kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  say "$1 did not become ready"; return 1
}

# throwaway_database NAME: a cluster in $WORK/pg (after find_pg_bin) holding one empty database NAME; sets CS.
throwaway_database() {
  start_cluster "$WORK/pg"
  "$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -Atq -c "create database $1"
  CS="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=$1"
}

# write_section MARKER FILE: puts FILE into docs/benchmarks.md between <!-- MARKER:begin --> and <!-- MARKER:end -->
# (the rest of the page is prose kept by hand); without the markers yet, the block is added at the end.
write_section() {
  local doc=$ROOT/docs/benchmarks.md begin="<!-- $1:begin -->" end="<!-- $1:end -->"
  if grep -qF "$begin" "$doc" 2>/dev/null; then
    awk -v report="$2" -v begin="$begin" -v end="$end" '
      $0 == begin { print; while ((getline line < report) > 0) print line; skip = 1; next }
      $0 == end { skip = 0 }
      !skip { print }' "$doc" >"$WORK/doc.md" && cp "$WORK/doc.md" "$doc"
  else
    { [ -f "$doc" ] || echo "# Benchmarks"; echo; echo "$begin"; cat "$2"; echo "$end"; } >>"$doc"
  fi
}

# finish STATUS PGDATA PID...: the EXIT trap of every bench script. Stops the hosts' process groups and the cluster,
# shows the tail of each log when the script failed, removes $WORK and exits with STATUS.
finish() {
  local status=$1 pgdata=$2 pid f
  shift 2
  trap - EXIT INT TERM
  for pid in "$@"; do stop_group "$pid"; done
  [ -n "$PG_STARTED" ] && as_pg "$PG_BIN/pg_ctl" -D "$pgdata" -m fast -w -t 60 stop >/dev/null 2>&1 || true
  if [ "$status" -ne 0 ]; then for f in "$WORK"/*.log; do [ -e "$f" ] && { say "tail of $(basename "$f")"; tail -n 30 "$f" >&2; }; done; fi
  rm -rf "$WORK"
  exit "$status"
}
