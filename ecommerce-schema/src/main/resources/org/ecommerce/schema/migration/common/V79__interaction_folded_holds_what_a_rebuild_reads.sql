-- A folded row holds what a rebuild reads from it: at least one interaction, a positive sum of
-- decay terms (each 2^x with x clamped to +-1000 is positive; a rebuild takes the logarithm of the
-- mean), a positive half-life, the first time no later than the last, and both times within the
-- range every time of the shop lies in (V20). The fold only writes such rows; these checks keep a
-- plain-SQL writer or an edited interaction_folded.csv from writing others, which made
-- rebuildAll() fail. A database already holding another row stops here, the refusal naming the
-- constraint: correct the row and migrate again.
ALTER TABLE interaction_folded ADD CONSTRAINT interaction_folded_counts_positive
    CHECK (interactions >= 1 AND decayed_count > 0);
ALTER TABLE interaction_folded ADD CONSTRAINT interaction_folded_half_life_positive
    CHECK (half_life_seconds > 0);
ALTER TABLE interaction_folded ADD CONSTRAINT interaction_folded_first_not_after_last
    CHECK (first_at <= last_at);
ALTER TABLE interaction_folded ADD CONSTRAINT interaction_folded_first_at_in_range
    CHECK (first_at BETWEEN TIMESTAMP WITH TIME ZONE '1800-01-01 00:00:00+00'
                        AND TIMESTAMP WITH TIME ZONE '9999-12-31 23:59:59.999999+00');
ALTER TABLE interaction_folded ADD CONSTRAINT interaction_folded_last_at_in_range
    CHECK (last_at BETWEEN TIMESTAMP WITH TIME ZONE '1800-01-01 00:00:00+00'
                       AND TIMESTAMP WITH TIME ZONE '9999-12-31 23:59:59.999999+00');
