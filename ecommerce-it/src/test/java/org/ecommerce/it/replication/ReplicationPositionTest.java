package org.ecommerce.it.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.ecommerce.dao.ReplicationPosition;
import org.ecommerce.dao.ValidationException;
import org.junit.jupiter.api.Test;

/** A replication position's text form: the one PostgreSQL writes, whatever form it was handed in. */
class ReplicationPositionTest {

    @Test
    void twoTextsOfOnePositionMakeEqualPositions() {
        // given the same log position with leading zeros, in lower case, with spaces around it
        ReplicationPosition written = new ReplicationPosition("0/3000148");
        ReplicationPosition padded = new ReplicationPosition("00/03000148");
        ReplicationPosition parsed = ReplicationPosition.parse(" 0/3000148 ");
        ReplicationPosition lowerCase = ReplicationPosition.parse("1a/ff");

        // then they are one position, written as PostgreSQL writes it
        assertThat(padded).isEqualTo(written).hasSameHashCodeAs(written);
        assertThat(parsed).isEqualTo(written);
        assertThat(lowerCase.toString()).isEqualTo("1A/FF");
        assertThat(ReplicationPosition.parse("None")).isEqualTo(ReplicationPosition.NONE);
    }

    @Test
    void aMissingOrMalformedPositionIsRefusedNamingItsField() {
        assertThat(catchThrowableOfType(ValidationException.class, () -> new ReplicationPosition(null)).field())
                .isEqualTo("lsn");
        assertThat(catchThrowableOfType(ValidationException.class, () -> ReplicationPosition.parse(null)).field())
                .isEqualTo("text");
        assertThat(catchThrowableOfType(ValidationException.class, () -> ReplicationPosition.parse("0/3000148/1")).field())
                .isEqualTo("lsn");
    }
}
