#!/usr/bin/env bash
# Runs a command with a throw-away PostgreSQL 15 server on 127.0.0.1 (free port, data in a temp dir)
# and tears it down afterwards, whatever the command's outcome.
# The command sees BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING (read by backend-test-utils'
# TestDatabases and by Portico's own PostgreSQL tests) and POSTGRES_HOST/PORT/USER/PASSWORD.
set -euo pipefail
PGBIN="${PGBIN:-/usr/lib/postgresql/15/bin}"
[ -x "$PGBIN/postgres" ] || { echo "with-postgres: PostgreSQL 15 not found in $PGBIN (run scripts/system-deps.sh)" >&2; exit 1; }

dir="$(mktemp -d -t portico-pg.XXXXXX)"
as_pg() {
  if [ "$(id -u)" = 0 ]; then su postgres -s /bin/sh -c "$*"; else sh -c "$*"; fi
}
[ "$(id -u)" = 0 ] && chown postgres "$dir"
port="$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"

stop() {
  as_pg "'$PGBIN/pg_ctl' -D '$dir/data' -m immediate stop" >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap stop EXIT

as_pg "'$PGBIN/initdb' -D '$dir/data' -A trust -U postgres --no-sync" >/dev/null
as_pg "'$PGBIN/pg_ctl' -D '$dir/data' -l '$dir/log' -w -o \"-p $port -k '$dir' -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300\" start" >/dev/null
echo "with-postgres: PostgreSQL 15 on 127.0.0.1:$port" >&2

export POSTGRES_HOST=127.0.0.1 POSTGRES_PORT="$port" POSTGRES_USER=postgres POSTGRES_PASSWORD=postgres
export BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING="postgresql://postgres:postgres@127.0.0.1:$port"
"$@"
