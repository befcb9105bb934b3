package org.ecommerce.dao;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A point in the primary database's write-ahead log (PostgreSQL's LSN, such as {@code 0/3000148}):
 * everything committed on the primary before {@link Ecommerce#primaryPosition()} returned it. A
 * replica that has replayed this position shows those commits. Its text form ({@link #toString()},
 * {@link #parse}) can travel between the requests of one user, for example in a session, so that a
 * page shown after a write reads a replica only once the replica has the write.
 *
 * <p>On H2, which has no replicas, every position is {@link #NONE}.
 *
 * @param lsn the log sequence number as PostgreSQL writes it, or {@code "none"}
 */
public record ReplicationPosition(String lsn) {

    /** The position of a database without replicas: every replica read is current. */
    public static final ReplicationPosition NONE = new ReplicationPosition("none");

    private static final Pattern LSN = Pattern.compile("[0-9A-F]{1,8}/[0-9A-F]{1,8}");

    /**
     * Checks the form.
     *
     * @throws ValidationException if {@code lsn} is neither an LSN ({@code hex/hex}) nor {@code none}
     */
    public ReplicationPosition {
        Objects.requireNonNull(lsn, "lsn");
        if (!lsn.equals("none") && !LSN.matcher(lsn).matches()) {
            throw new ValidationException("lsn", "is not a log sequence number such as 0/3000148");
        }
    }

    /** The position from its text form. */
    public static ReplicationPosition parse(String text) {
        return new ReplicationPosition(Objects.requireNonNull(text, "text").trim().toUpperCase(java.util.Locale.ROOT)
                .replace("NONE", "none"));
    }

    /** Whether this is the position of a database without replicas. */
    public boolean isNone() {
        return lsn.equals("none");
    }

    @Override
    public String toString() {
        return lsn;
    }
}
