#!/usr/bin/env bash
# Runs a command against a throwaway PostgreSQL cluster:
#   scripts/with-postgres.sh <command> [args...]
# initdb into a temporary directory, start the server on a non-default port
# (SPINE_TEST_PG_PORT, default 55432), export SPINE_TEST_DATABASE_URL for the command, then stop
# the server and delete the directory whatever happens. Without PostgreSQL binaries it says so
# and exits 0, so a machine without PostgreSQL still passes the SQLite half of `pnpm test`;
# SPINE_REQUIRE_POSTGRES=1 (set by .ci/run) makes that an error instead. SPINE_TEST_PG_STOCK=1
# starts the server with fsync, synchronous_commit and full_page_writes on, as a team's server runs.
set -euo pipefail

find_bindir() {
  local candidate
  for candidate in "${SPINE_PG_BINDIR:-}" /usr/local/bin /usr/lib/postgresql/*/bin; do
    if [[ -n "$candidate" && -x "$candidate/initdb" && -x "$candidate/pg_ctl" ]]; then
      printf '%s\n' "$candidate"
      return 0
    fi
  done
  if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
    dirname "$(command -v initdb)"
    return 0
  fi
  return 1
}

if [[ $# -eq 0 ]]; then
  echo "usage: scripts/with-postgres.sh <command> [args...]" >&2
  exit 2
fi

if ! bindir="$(find_bindir)"; then
  if [[ "${SPINE_REQUIRE_POSTGRES:-}" == "1" ]]; then
    echo "PostgreSQL not installed, but SPINE_REQUIRE_POSTGRES=1: failing." >&2
    exit 1
  fi
  echo "PostgreSQL not installed: skipping the PostgreSQL test run (install Debian's postgresql package to run it)."
  exit 0
fi
echo "Running the suites again against PostgreSQL ($bindir)."

port="${SPINE_TEST_PG_PORT:-55432}"
cluster="$(mktemp -d "${TMPDIR:-/tmp}/spine-pg-XXXXXX")"

# PostgreSQL refuses to run as root: run the server as the postgres user when we are root.
as_owner() {
  if [[ "$(id -u)" -eq 0 ]]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

cleanup() {
  as_owner "$bindir/pg_ctl" -D "$cluster/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$cluster"
}
trap cleanup EXIT INT TERM

if [[ "$(id -u)" -eq 0 ]]; then chown postgres "$cluster"; fi

# C collation makes ORDER BY on text compare code units, as SQLite and JavaScript do.
as_owner "$bindir/initdb" -D "$cluster/data" -U postgres --auth=trust --locale=C --encoding=UTF8 >"$cluster/initdb.log" 2>&1 ||
  { cat "$cluster/initdb.log" >&2; exit 1; }
# Queue worker tests (apps/cli/test/cli-queue-workers.test.ts) run workers in network namespaces
# that reach the server over veth links in 10.213.0.0/16: it listens on every address, but
# pg_hba.conf admits only loopback and that subnet.
printf 'host all all 10.213.0.0/16 trust\n' >>"$cluster/data/pg_hba.conf"
options="-c listen_addresses=* -p $port -k $cluster -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300"
# Tests trade durability for speed; SPINE_TEST_PG_STOCK=1 (the bench) keeps a team server's defaults.
if [[ "${SPINE_TEST_PG_STOCK:-}" == 1 ]]; then
  options="${options/ -c fsync=off -c synchronous_commit=off -c full_page_writes=off/}"
fi
if ! as_owner "$bindir/pg_ctl" -D "$cluster/data" -o "$options" -l "$cluster/server.log" -w -t 60 start >/dev/null; then
  cat "$cluster/server.log" >&2
  exit 1
fi

export SPINE_TEST_DATABASE_URL="postgres://postgres@127.0.0.1:$port/postgres"
echo "PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') running on 127.0.0.1:$port (cluster $cluster)"
"$@"
