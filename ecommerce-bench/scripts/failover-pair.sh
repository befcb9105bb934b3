#!/usr/bin/env bash
# A primary (127.0.0.1:5441) and its streaming standby (127.0.0.1:5442) of their own, for the
# failover scenario only (never the test server): small, owned by the postgres user, under
# /var/lib/postgresql/<version>/ecommerce-failover-{primary,standby}. Run as root or postgres.
#   failover-pair.sh create async|sync   fresh pair; sync: the primary waits for the standby at every commit
#   failover-pair.sh crash               the primary stops at once (pg_ctl stop -m immediate)
#   failover-pair.sh promote             the standby becomes the primary
#   failover-pair.sh remove              stops both and deletes them
set -euo pipefail
VERSION=${PG_VERSION:-$(ls /etc/postgresql | sort -n | tail -1)}
BIN=/usr/lib/postgresql/$VERSION/bin
BASE=/var/lib/postgresql/$VERSION
PRIMARY=$BASE/ecommerce-failover-primary
STANDBY=$BASE/ecommerce-failover-standby
as_postgres() { if [ "$(id -un)" = postgres ]; then "$@"; else runuser -u postgres -- "$@"; fi; }
stop() { [ -f "$1/postmaster.pid" ] && as_postgres "$BIN/pg_ctl" -D "$1" -m immediate stop >/dev/null 2>&1 || true; }

case "${1:-}" in
  create)
    mode=${2:-async}
    stop "$STANDBY"; stop "$PRIMARY"; rm -rf "$PRIMARY" "$STANDBY"
    mkdir -p "$PRIMARY" && chown postgres:postgres "$PRIMARY" 2>/dev/null || true
    as_postgres "$BIN/initdb" -D "$PRIMARY" -U postgres --auth=trust >/dev/null
    sync_names=""; [ "$mode" = sync ] && sync_names="standby"
    as_postgres tee -a "$PRIMARY/postgresql.conf" >/dev/null <<CONF
listen_addresses = '127.0.0.1'
port = 5441
unix_socket_directories = '/tmp'
shared_buffers = 64MB
max_connections = 60
wal_level = replica
synchronous_standby_names = '$sync_names'
CONF
    echo "host replication all 127.0.0.1/32 trust" | as_postgres tee -a "$PRIMARY/pg_hba.conf" >/dev/null
    as_postgres "$BIN/pg_ctl" -D "$PRIMARY" -l "$PRIMARY/server.log" -w start >/dev/null
    mkdir -p "$STANDBY" && chmod 700 "$STANDBY" && { [ "$(id -un)" = postgres ] || chown postgres:postgres "$STANDBY"; }
    as_postgres "$BIN/pg_basebackup" -h 127.0.0.1 -p 5441 -U postgres -D "$STANDBY" -R -X stream -c fast
    as_postgres sed -i "s/^port = 5441/port = 5442/; s/^synchronous_standby_names.*/synchronous_standby_names = ''/" "$STANDBY/postgresql.conf"
    # the standby names itself, so that the primary's synchronous_standby_names finds it
    as_postgres sed -i "s/^primary_conninfo = '/primary_conninfo = 'application_name=standby /" "$STANDBY/postgresql.auto.conf"
    as_postgres "$BIN/pg_ctl" -D "$STANDBY" -l "$STANDBY/server.log" -w start >/dev/null
    echo "failover pair: primary 127.0.0.1:5441, standby 127.0.0.1:5442 ($mode)"
    ;;
  crash)   as_postgres "$BIN/pg_ctl" -D "$PRIMARY" -m immediate stop >/dev/null ;;
  promote) as_postgres "$BIN/pg_ctl" -D "$STANDBY" promote >/dev/null ;;
  remove)  stop "$STANDBY"; stop "$PRIMARY"; rm -rf "$PRIMARY" "$STANDBY" ;;
  *) echo "usage: $0 create async|sync | crash | promote | remove" >&2; exit 2 ;;
esac
