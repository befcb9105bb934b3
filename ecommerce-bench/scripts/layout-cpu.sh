#!/bin/bash
# Server CPU time of recording an interaction and of the two analytics that read every
# interaction, on two databases of benchmark 3 taking turns (e.g. kept with
# -Dbench.analytics.keep=true -Dbench.analytics.database=ecommerce_bench_a, one per schema version):
#   ecommerce-bench/scripts/layout-cpu.sh ecommerce_bench_a ecommerce_bench_b
# The CPU time is the server backend's user+system time (/proc, clock ticks of 10 ms), so psql must
# run on the database's machine. Each recording run inserts 4 000 interactions into the database.
set -e
PSQL="psql -h ${PGHOST:-127.0.0.1} -U ${PGUSER:-postgres} -X -q -o /dev/null"
work=$(mktemp -d)
cpu() { awk '{print $14+$15}' "/proc/$1/stat"; }
{
  echo "SET synchronous_commit = off;"
  echo "PREPARE ins AS INSERT INTO interaction (customer_id, product_id, type_id, occurred_at)"
  echo "  SELECT (1 + floor(random() * 40000))::bigint, (1 + floor(random() * 4000))::bigint, t.id, now()"
  echo "    FROM interaction_type t WHERE t.name = 'view' RETURNING id;"
  echo "EXECUTE ins;"
  echo "SELECT pg_backend_pid() AS pid \\gset"
  echo "\\setenv PID :pid"
  echo "\\! awk '{print \$14+\$15}' /proc/\$PID/stat > $work/before"
  for i in $(seq 4000); do echo "EXECUTE ins;"; done
  echo "\\! awk '{print \$14+\$15}' /proc/\$PID/stat > $work/after"
} > "$work/record.sql"
q2="SELECT customer.id, customer.name, customer.email, counted.interactions FROM (SELECT customer_id, count(*) AS interactions FROM interaction GROUP BY customer_id) counted JOIN customer ON customer.id = counted.customer_id ORDER BY counted.interactions DESC, customer.id LIMIT 10"
q6="SELECT hour_of_day, count(*) AS interactions FROM (SELECT CAST(EXTRACT(HOUR FROM (occurred_at AT TIME ZONE 'Europe/Paris')) AS int) AS hour_of_day FROM interaction) stamped GROUP BY hour_of_day ORDER BY interactions DESC, hour_of_day"
query_sql() {
  printf 'SET max_parallel_workers_per_gather = 0;\nSELECT pg_backend_pid() AS pid \\gset\n\\setenv PID :pid\n%s;\n' "$1"
  printf '\\! awk '"'"'{print $14+$15}'"'"' /proc/$PID/stat > %s/before\n%s;\n' "$work" "$1"
  printf '\\! awk '"'"'{print $14+$15}'"'"' /proc/$PID/stat > %s/after\n' "$work"
}
for turn in 1 2 3 4 5 6; do
  for db in "$@"; do
    $PSQL -d "$db" -f "$work/record.sql"
    echo "$turn $db record: $(( ($(cat $work/after) - $(cat $work/before)) * 10000 / 4000 )) us CPU per interaction, load $(cut -d' ' -f1 /proc/loadavg)"
  done
  for q in q2 q6; do
    for db in "$@"; do
      query_sql "${!q}" > "$work/query.sql"
      $PSQL -d "$db" -f "$work/query.sql"
      echo "$turn $db $q: $(( ($(cat $work/after) - $(cat $work/before)) * 10 )) ms CPU (second run, serial), load $(cut -d' ' -f1 /proc/loadavg)"
    done
  done
done
rm -r "$work"
