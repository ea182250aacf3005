#!/usr/bin/env bash
# A throw-away PostgreSQL cluster for the tests: its own data directory, its
# own socket directory and port, no system service involved.
#   scripts/pg.sh start DIR PORT    initdb (if needed) and start; prints the server's base URL
#   scripts/pg.sh stop DIR          stop it (the directory stays; remove it yourself)
#   scripts/pg.sh createdb DIR PORT NAME
#   scripts/pg.sh url DIR PORT [DB] the URL of a database of that cluster
#   scripts/pg.sh replica PDIR PPORT DIR PORT
#                                   a streaming replica of that cluster (pg_basebackup), started
#   scripts/pg.sh sql DIR PORT SQL  run one statement as the superuser, print the result
# As root the server runs as the "postgres" user (initdb refuses root).
set -euo pipefail
PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -n "$PGBIN" ] || { echo "pg.sh: PostgreSQL is not installed (scripts/deps.sh installs it)" >&2; exit 1; }

as_pg() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

url() { # dir port [db]
  echo "postgresql:///${3:-postgres}?host=$1&port=$2&user=postgres"
}

cmd=${1:-}
case "$cmd" in
  start)
    dir=$2 port=$3
    mkdir -p "$dir"
    [ "$(id -u)" -eq 0 ] && chown postgres: "$dir"
    if [ ! -f "$dir/data/PG_VERSION" ]; then
      as_pg "$PGBIN/initdb" -D "$dir/data" --auth=trust --username=postgres --no-locale \
        --encoding=UTF8 >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
      # replicas (tests/api/replica) connect over the socket as "replication"
      echo "local replication postgres trust" >>"$dir/data/pg_hba.conf"
    fi
    as_pg "$PGBIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
      -o "-k $dir -p $port -c listen_addresses='' -c synchronous_commit=on -c max_connections=200 -c wal_level=replica -c max_wal_senders=4" \
      start >/dev/null || { tail -20 "$dir/server.log" >&2; exit 1; }
    url "$dir" "$port"
    ;;
  stop)
    dir=$2
    [ -f "$dir/data/postmaster.pid" ] && as_pg "$PGBIN/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null
    true
    ;;
  createdb)
    dir=$2 port=$3 name=$4
    as_pg "$PGBIN/psql" -h "$dir" -p "$port" -U postgres -d postgres -qAt -v ON_ERROR_STOP=1 \
      -c "CREATE DATABASE \"$name\"" >/dev/null
    url "$dir" "$port" "$name"
    ;;
  url)
    url "$2" "$3" "${4:-postgres}"
    ;;
  replica)
    pdir=$2 pport=$3 dir=$4 port=$5
    mkdir -p "$dir"
    [ "$(id -u)" -eq 0 ] && chown postgres: "$dir"
    as_pg "$PGBIN/pg_basebackup" -h "$pdir" -p "$pport" -U postgres -D "$dir/data" -R -X stream --checkpoint=fast \
      >"$dir/basebackup.log" 2>&1 || { cat "$dir/basebackup.log" >&2; exit 1; }
    as_pg "$PGBIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
      -o "-k $dir -p $port -c listen_addresses='' -c hot_standby=on -c max_connections=200" start >/dev/null \
      || { tail -20 "$dir/server.log" >&2; exit 1; }
    url "$dir" "$port"
    ;;
  sql)
    as_pg "$PGBIN/psql" -h "$2" -p "$3" -U postgres -d postgres -qAt -v ON_ERROR_STOP=1 -c "$4"
    ;;
  *)
    echo "usage: scripts/pg.sh start DIR PORT | stop DIR | createdb DIR PORT NAME | url DIR PORT [DB] | replica PDIR PPORT DIR PORT | sql DIR PORT SQL" >&2
    exit 2
    ;;
esac
