package org.ecommerce.dao;

import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

import com.password4j.Argon2Function;
import com.password4j.types.Argon2;

/**
 * Turns passwords into one-way hashes and checks them. The default is Argon2id with OWASP's
 * minimum parameters (19 MiB, 2 iterations, 1 lane); the hash is a PHC string that records its
 * own parameters, so stronger settings can be introduced without invalidating stored hashes.
 */
public interface PasswordHasher {

    /** A new salted hash of {@code password}, in PHC string format ({@code $argon2id$...}). */
    String hash(CharSequence password);

    /** Whether {@code password} matches {@code hash}; the comparison takes constant time. */
    boolean matches(CharSequence password, String hash);

    /** Argon2id with the given cost; {@code memoryKiB} of at least 19456 is recommended. */
    static PasswordHasher argon2id(int memoryKiB, int iterations, int parallelism) {
        Argon2Function function = Argon2Function.getInstance(memoryKiB, iterations, parallelism, 32, Argon2.ID);
        SecureRandom random = new SecureRandom();
        return new PasswordHasher() {
            @Override
            public String hash(CharSequence password) {
                // a 16-byte salt (RFC 9106) of our own: password4j's own salt would look for a
                // psw4j.properties file and warn on every hash that there is none
                byte[] salt = new byte[16];
                random.nextBytes(salt);
                return function.hash(utf8(password), salt).getResult();
            }

            @Override
            public boolean matches(CharSequence password, String hash) {
                // parameters come from the stored hash, so hashes made with older settings still verify
                return Argon2Function.getInstanceFromHash(hash).check(password, hash);
            }
        };
    }

    private static byte[] utf8(CharSequence password) {
        var encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        return bytes;
    }

    /** Argon2id with OWASP's minimum recommended parameters. */
    static PasswordHasher argon2id() {
        return argon2id(19_456, 2, 1);
    }
}
