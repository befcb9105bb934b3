#!/bin/sh
# Whole-shop import against psql's \copy of the same CSV files, on PostgreSQL.
# Usage (from the repository root, after building the command line's jar; the command line runs
# through the ./ecommerce launcher, as a user runs it, which picks the JDK):
#   ecommerce-bench/scripts/shop-import.sh [ORDERS] [ROUNDS]
#   SHOP=DIR ecommerce-bench/scripts/shop-import.sh - [ROUNDS]
# Generates a synthetic shop of ORDERS orders (ORDERS/5 customers, 300 products, 10 interactions per
# order) and exports it with its secrets, or takes the export in DIR, then in each round loads it
# three ways, each into a fresh migrated database, taking turns at going first:
#   lib       `ecommerce import`: every row judged by the database's constraints and triggers
#             (after one untimed import: the launcher writes a command's start-up cache at its
#             first run, an AOT cache on JDK 25+, a class-data archive on older JDKs);
#   copy      psql \copy with triggers off for the session (session_replication_role = replica:
#             no trigger fires, foreign keys included; CHECK constraints still apply);
#   validated copy, then every foreign key validated set-based in the same transaction (one
#             anti-join per foreign key, as VALIDATE CONSTRAINT runs it).
# Prints rows/s of each and the ratios. Needs psql and a superuser `postgres` on 127.0.0.1:5432
# (PGHOST/PGPORT/PGUSER override); touches only ecommerce_bench_shop_*.
set -eu
ORDERS=${1:-10000}
ROUNDS=${2:-3}
HOST=${PGHOST:-127.0.0.1}; PORT=${PGPORT:-5432}; USER_=${PGUSER:-postgres}
URL="jdbc:postgresql://$HOST:$PORT"
PSQL="psql -X -q -h $HOST -p $PORT -U $USER_ -v ON_ERROR_STOP=1"
DIR=$(mktemp -d)
trap 'rm -rf "$DIR"' EXIT
fresh() { $PSQL -d postgres -c "DROP DATABASE IF EXISTS $1" -c "CREATE DATABASE $1"; }
cli() { db=$1; shift; JAVA_OPTS=-Xmx1g ECOMMERCE_JDK_QUIET=true ./ecommerce "$@" --jdbc-url "$URL/$db?user=$USER_" >/dev/null; }
now() { date +%s.%N; }

if [ -n "${SHOP-}" ]; then
  ln -s "$(cd "$SHOP" && pwd)" "$DIR/shop"
else
  fresh ecommerce_bench_shop_src
  cli ecommerce_bench_shop_src generate --orders "$ORDERS" --customers $((ORDERS / 5)) --products 300 \
      --interactions $((ORDERS * 10)) --seed 1
  cli ecommerce_bench_shop_src export "$DIR/shop" --include-secrets
  $PSQL -d postgres -c "DROP DATABASE ecommerce_bench_shop_src"
fi
# what each load must hold: every order and every interaction of the files
EXPECTED=$(($(wc -l < "$DIR/shop/orders.csv") - 1 + $(wc -l < "$DIR/shop/interaction.csv") - 1))
ROWS=0
for f in "$DIR"/shop/*.csv; do ROWS=$((ROWS + $(wc -l < "$f") - 1)); done
echo "shop: $ROWS rows in $(ls "$DIR"/shop | wc -l) files"

# the files in the order import loads them (each table after the tables it references)
TABLES="interaction_type recommendation_setting customer brand category product basket basket_line credit_card
 gift_card payment_method orders order_line delivery order_return return_line review interaction recommendation_score
 product_popularity product_similarity"
{
  echo "BEGIN;"
  echo "SET session_replication_role = replica;"
  echo "DELETE FROM interaction_type; DELETE FROM recommendation_setting;"
  for t in $TABLES; do
    f="$DIR/shop/$t.csv"
    if [ -f "$f" ]; then printf '\\copy %s(%s) FROM '"'"'%s'"'"' CSV HEADER\n' "$t" "$(head -1 "$f")" "$f"; fi
  done
} > "$DIR/load.sql"
{ cat "$DIR/load.sql"; echo "COMMIT;"; } > "$DIR/copy.sql"
# each foreign key (MATCH SIMPLE: a row with a NULL key column passes) checked by one anti-join
{ cat "$DIR/load.sql"; cat <<'SQL'
DO $$
DECLARE
    fk RECORD;
    bad BIGINT;
BEGIN
    FOR fk IN SELECT c.conname, c.conrelid::regclass AS child, c.confrelid::regclass AS parent,
                     string_agg(format('c.%I IS NOT NULL', a.attname), ' AND ') AS present,
                     string_agg(format('p.%I = c.%I', b.attname, a.attname), ' AND ') AS matches
                FROM pg_constraint c
                CROSS JOIN LATERAL unnest(c.conkey, c.confkey) AS k(child_column, parent_column)
                JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.child_column
                JOIN pg_attribute b ON b.attrelid = c.confrelid AND b.attnum = k.parent_column
               WHERE c.contype = 'f' AND c.connamespace = current_schema()::regnamespace
               GROUP BY c.conname, c.conrelid, c.confrelid LOOP
        EXECUTE format('SELECT COUNT(*) FROM ONLY %s c WHERE %s AND NOT EXISTS (SELECT 1 FROM ONLY %s p WHERE %s)',
                       fk.child, fk.present, fk.parent, fk.matches) INTO bad;
        IF bad > 0 THEN
            RAISE EXCEPTION '% rows break %', bad, fk.conname;
        END IF;
    END LOOP;
END $$;
COMMIT;
SQL
} > "$DIR/validated.sql"

lib() { cli ecommerce_bench_shop_lib import "$DIR/shop"; }
copy() { $PSQL -d ecommerce_bench_shop_copy -f "$DIR/copy.sql"; }
validated() { $PSQL -d ecommerce_bench_shop_validated -f "$DIR/validated.sql"; }
# runs $1 after a checkpoint and prints its wall time in seconds
timed() { $PSQL -d postgres -c CHECKPOINT; t0=$(now); "$1"; t1=$(now); echo "$t1 - $t0" | bc; }
fresh ecommerce_bench_shop_lib
cli ecommerce_bench_shop_lib import "$DIR/shop" 2>/dev/null
for round in $(seq 1 "$ROUNDS"); do
  for db in lib copy validated; do fresh ecommerce_bench_shop_$db; cli ecommerce_bench_shop_$db migrate; done
  echo "round $round: $(uptime)"
  if [ $((round % 2)) -eq 1 ]; then
    l=$(timed lib); p=$(timed copy); v=$(timed validated)
  else
    v=$(timed validated); p=$(timed copy); l=$(timed lib)
  fi
  for db in lib copy validated; do
    n=$($PSQL -d ecommerce_bench_shop_$db -tA -c "SELECT (SELECT COUNT(*) FROM orders) + (SELECT COUNT(*) FROM interaction)")
    [ "$n" -eq "$EXPECTED" ] || { echo "ecommerce_bench_shop_$db holds $n orders and interactions, not $EXPECTED"; exit 1; }
  done
  awk -v r="$round" -v n="$ROWS" -v l="$l" -v p="$p" -v v="$v" 'BEGIN {
    printf "round %d: import %.2f s (%.0f rows/s); psql \\copy %.2f s (%.0f rows/s), ratio %.2f;", r, l, n / l, p, n / p, p / l
    printf " \\copy + foreign keys validated %.2f s (%.0f rows/s), ratio %.2f\n", v, n / v, v / l }'
done
for db in lib copy validated; do $PSQL -d postgres -c "DROP DATABASE ecommerce_bench_shop_$db"; done
