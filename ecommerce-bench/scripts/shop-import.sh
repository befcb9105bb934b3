#!/bin/sh
# Whole-shop import against psql's \copy of the same CSV files, on PostgreSQL.
# Usage (from the repository root, after building the command line's jar):
#   ecommerce-bench/scripts/shop-import.sh [ORDERS] [ROUNDS]
# Generates a synthetic shop of ORDERS orders (ORDERS/5 customers, 300 products, 10 interactions per
# order), exports it with its secrets, then in each round imports it with `ecommerce import` into a
# fresh migrated database and with psql \copy into another fresh migrated database whose triggers
# (foreign keys included) are off for the session (session_replication_role = replica; CHECK
# constraints still apply). Prints rows/s of each and their ratio. Needs psql and a superuser
# `postgres` on 127.0.0.1:5432 (PGHOST/PGPORT/PGUSER override); touches only ecommerce_bench_shop_*.
set -eu
ORDERS=${1:-10000}
ROUNDS=${2:-3}
JAR=${JAR:-ecommerce-cli/target/ecommerce.jar}
JAVA=${JAVA:-java}  # a JDK 21 or newer
HOST=${PGHOST:-127.0.0.1}; PORT=${PGPORT:-5432}; USER_=${PGUSER:-postgres}
URL="jdbc:postgresql://$HOST:$PORT"
PSQL="psql -X -q -h $HOST -p $PORT -U $USER_ -v ON_ERROR_STOP=1"
DIR=$(mktemp -d)
trap 'rm -rf "$DIR"' EXIT
fresh() { $PSQL -d postgres -c "DROP DATABASE IF EXISTS $1" -c "CREATE DATABASE $1"; }
cli() { db=$1; shift; "$JAVA" -Xmx1g -jar "$JAR" "$@" --jdbc-url "$URL/$db?user=$USER_" >/dev/null; }
now() { date +%s.%N; }

fresh ecommerce_bench_shop_src
cli ecommerce_bench_shop_src generate --orders "$ORDERS" --customers $((ORDERS / 5)) --products 300 \
    --interactions $((ORDERS * 10)) --seed 1
cli ecommerce_bench_shop_src export "$DIR/shop" --include-secrets
$PSQL -d postgres -c "DROP DATABASE ecommerce_bench_shop_src"
ROWS=0
for f in "$DIR"/shop/*.csv; do ROWS=$((ROWS + $(wc -l < "$f") - 1)); done
echo "shop of $ORDERS orders: $ROWS rows in $(ls "$DIR"/shop | wc -l) files"

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
    [ -f "$f" ] && printf '\\copy %s(%s) FROM '"'"'%s'"'"' CSV HEADER\n' "$t" "$(head -1 "$f")" "$f"
  done
  echo "COMMIT;"
} > "$DIR/copy.sql"

for round in $(seq 1 "$ROUNDS"); do
  fresh ecommerce_bench_shop_lib; cli ecommerce_bench_shop_lib migrate
  fresh ecommerce_bench_shop_copy; cli ecommerce_bench_shop_copy migrate
  $PSQL -d postgres -c CHECKPOINT
  t0=$(now); cli ecommerce_bench_shop_lib import "$DIR/shop"; t1=$(now)
  $PSQL -d postgres -c CHECKPOINT
  t2=$(now); $PSQL -d ecommerce_bench_shop_copy -f "$DIR/copy.sql"; t3=$(now)
  for db in lib copy; do
    n=$($PSQL -d ecommerce_bench_shop_$db -tA -c "SELECT (SELECT COUNT(*) FROM orders) + (SELECT COUNT(*) FROM interaction)")
    [ "$n" -eq $((ORDERS * 11)) ] || { echo "ecommerce_bench_shop_$db holds $n orders and interactions, not $((ORDERS * 11))"; exit 1; }
  done
  awk -v r="$round" -v n="$ROWS" -v l="$(echo "$t1 - $t0" | bc)" -v p="$(echo "$t3 - $t2" | bc)" 'BEGIN {
    printf "round %d: import %.2f s (%.0f rows/s), psql \\copy %.2f s (%.0f rows/s), ratio %.2f\n", r, l, n / l, p, n / p, p / l }'
done
for db in lib copy; do $PSQL -d postgres -c "DROP DATABASE ecommerce_bench_shop_$db"; done
