#!/usr/bin/env bash
# Runs every test. Installs what the tests need when it is missing and this user may install it
# (PostgreSQL server binaries, headless Chromium, from Debian's packages), then runs `dotnet test HipLog.sln`
# and ends with one line "N passed, N failed". Exits non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")"

log() { printf '[test] %s\n' "$*" >&2; }
apt_updated=""
apt_install() {
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    log "installing $*"
    export DEBIAN_FRONTEND=noninteractive
    [ -n "$apt_updated" ] || { apt-get update -qq >&2 && apt_updated=1; }
    apt-get install -y -qq --no-install-recommends "$@" >&2
  else
    return 1
  fi
}

# PostgreSQL server binaries: the tests start a throwaway cluster from them when neither
# HIPLOG_TEST_POSTGRES nor a Docker engine is there.
if [ -z "${HIPLOG_TEST_POSTGRES:-}" ] && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && ! command -v initdb >/dev/null 2>&1; then
  apt_install postgresql || log "no PostgreSQL binaries and no way to install them: set HIPLOG_TEST_POSTGRES"
fi

# Headless Chromium renders the pain-trend report page in its test.
if [ -z "${HIPLOG_CHROMIUM:-}" ] && ! command -v chromium >/dev/null 2>&1; then
  apt_install chromium || log "no Chromium and no way to install it: the report-page test will say so"
fi

if ! command -v dotnet >/dev/null 2>&1; then
  log "the .NET SDK is missing (see global.json for the version)"
  exit 1
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT

# The test command itself, with a results file to count from.
dotnet test HipLog.sln --logger "trx;LogFilePrefix=ci" --results-directory "$results" 2>&1 | tee "$results/console.log"
status=${PIPESTATUS[0]}

passed=0; failed=0
for trx in "$results"/*.trx; do
  [ -e "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters"); f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
done

if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  # The build or the test host failed before any test could report.
  failed=1
fi
if [ "$status" -eq 0 ] && [ "$passed" -eq 0 ]; then
  log "no test ran"
  status=1
fi

echo "$passed passed, $failed failed"
exit "$status"
