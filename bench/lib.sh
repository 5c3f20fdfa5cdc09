# Shared by bench/run.sh and bench/export.sh (sourced, never run): ports, process groups, and a throwaway PostgreSQL
# cluster with stock settings on loopback. Callers set WORK and define say() first.

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

# throwaway_database NAME: a cluster in $WORK/pg (after find_pg_bin) holding one empty database NAME; sets CS.
throwaway_database() {
  start_cluster "$WORK/pg"
  "$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -Atq -c "create database $1"
  CS="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=$1"
}

# finish_throwaway STATUS [PID...]: stops the hosts and the cluster in $WORK/pg, shows the logs' tails when STATUS is
# not 0, and removes $WORK. For an EXIT trap.
finish_throwaway() {
  local status=$1 pid f; shift
  for pid in "$@"; do stop_group "$pid"; done
  [ -n "$PG_STARTED" ] && as_pg "$PG_BIN/pg_ctl" -D "$WORK/pg" -m fast -w -t 60 stop >/dev/null 2>&1 || true
  if [ "$status" -ne 0 ]; then for f in "$WORK"/*.log; do [ -e "$f" ] && { say "tail of $(basename "$f")"; tail -n 30 "$f" >&2; }; done; fi
  rm -rf "$WORK"
}

# into_doc DOC REPORT MARK [HEADING]: puts REPORT between DOC's <!-- MARK:begin --> and <!-- MARK:end --> markers (the
# rest of the page is prose kept by hand); with no markers yet, appends HEADING and the marked block, never replacing prose.
into_doc() {
  local doc=$1 report=$2 mark=$3 heading=${4:-}
  if grep -q "<!-- $mark:begin -->" "$doc" 2>/dev/null; then
    awk -v report="$report" -v begin="<!-- $mark:begin -->" -v end="<!-- $mark:end -->" '
      $0 == begin { print; while ((getline line < report) > 0) print line; skip = 1; next }
      $0 == end { skip = 0 }
      !skip { print }' "$doc" >"$doc.new" && mv "$doc.new" "$doc"
  else
    { [ -f "$doc" ] || echo "# Benchmarks"; echo; [ -n "$heading" ] && { echo "$heading"; echo; }; echo "<!-- $mark:begin -->"; cat "$report"; echo "<!-- $mark:end -->"; } >>"$doc"
  fi
}
