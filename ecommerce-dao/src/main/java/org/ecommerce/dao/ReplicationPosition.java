package org.ecommerce.dao;

import java.util.Locale;
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

    private static final Pattern LSN = Pattern.compile("[0-9A-Fa-f]{1,8}/[0-9A-Fa-f]{1,8}");

    /**
     * Checks the form and writes the LSN as PostgreSQL does (upper case, no leading zeros), so that
     * two texts of one position make equal positions.
     *
     * @throws ValidationException if {@code lsn} is missing, or neither an LSN ({@code hex/hex}) nor {@code none}
     */
    public ReplicationPosition {
        if (lsn == null) {
            throw new ValidationException("lsn", "is required");
        }
        if (!lsn.equals("none")) {
            if (!LSN.matcher(lsn).matches()) {
                throw new ValidationException("lsn", "is not a log sequence number such as 0/3000148");
            }
            int slash = lsn.indexOf('/');
            lsn = canonicalHex(lsn.substring(0, slash)) + "/" + canonicalHex(lsn.substring(slash + 1));
        }
    }

    private static String canonicalHex(String digits) {
        return Long.toHexString(Long.parseLong(digits, 16)).toUpperCase(Locale.ROOT);
    }

    /**
     * The position from its text form, as {@link #toString()} gives it; surrounding spaces and the
     * case of its letters do not matter.
     *
     * @throws ValidationException if {@code text} is missing or not a position's form
     */
    public static ReplicationPosition parse(String text) {
        if (text == null) {
            throw new ValidationException("text", "is required");
        }
        String trimmed = text.trim();
        return new ReplicationPosition(trimmed.equalsIgnoreCase("none") ? "none" : trimmed);
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
