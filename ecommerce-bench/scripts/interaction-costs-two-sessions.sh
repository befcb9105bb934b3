#!/bin/bash
# Whether a second session helps a bulk load of interactions on PostgreSQL: the 300 000 rows of
# interaction-costs.sql (its table src, so run that script first, into the same database) inserted
# by two sessions at once, each half the rows in its own rolled-back transaction (every other row;
# then the rows of every other customer, so that the two never write the same score row), taking
# turns with one session inserting them all. Prints the wall times of each round in seconds.
#   ecommerce-bench/scripts/interaction-costs-two-sessions.sh [DATABASE [ROUNDS]]
set -euo pipefail
DB=${1:-costs}
ROUNDS=${2:-3}
PSQL="psql -h 127.0.0.1 -U postgres -d $DB -q -X"
now() { date +%s.%N; }
insert() { $PSQL -c "BEGIN; INSERT INTO interaction(customer_id, product_id, type_id, occurred_at) SELECT c, p, t, at FROM src_numbered $1; ROLLBACK;"; }
settle() { $PSQL -c "VACUUM interaction, recommendation_score" -c "CHECKPOINT"; }
$PSQL -c "DROP TABLE IF EXISTS src_numbered" -c "CREATE TABLE src_numbered AS SELECT row_number() OVER () AS rn, * FROM src"
for round in $(seq 1 "$ROUNDS"); do
    settle
    t0=$(now); insert "WHERE rn % 2 = 0" & insert "WHERE rn % 2 = 1" & wait; t1=$(now)
    settle
    t2=$(now); insert ""; t3=$(now)
    settle
    t4=$(now); insert "WHERE c % 2 = 0" & insert "WHERE c % 2 = 1" & wait; t5=$(now)
    echo "round $round: two sessions $(echo "$t1 - $t0" | bc) s, one session $(echo "$t3 - $t2" | bc) s," \
        "two sessions by customer $(echo "$t5 - $t4" | bc) s"
done
$PSQL -c "DROP TABLE src_numbered"
