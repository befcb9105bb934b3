-- Every interaction updates its (customer, product) score, and a score is a key of
-- recommendation_score_rank_idx (customer_id, score DESC, product_id): each update deleted and
-- re-inserted that index entry (on PostgreSQL it also made every update non-HOT). That was the
-- largest single cost of the interaction trigger on H2 (benchmark 5). topFor reads a customer's
-- scores by the primary key's prefix (customer_id) instead and orders them itself: a few dozen
-- to a few hundred rows per customer.
DROP INDEX recommendation_score_rank_idx;
