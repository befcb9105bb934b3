package org.ecommerce.it.recommendation;

import org.ecommerce.dao.Ecommerce;
import org.ecommerce.dao.PasswordHasher;
import org.ecommerce.it.support.TestDatabase;

/** The library for tests about recommendations, which register many customers. */
final class Shops {

    private Shops() {
    }

    /** Argon2id at 1 MiB: passwords are not what these tests are about, and the default costs ~50 ms per customer. */
    static Ecommerce withCheapPasswordHashing(TestDatabase db) {
        return Ecommerce.builder(db.dataSource()).passwordHasher(PasswordHasher.argon2id(1024, 1, 1)).build();
    }
}
