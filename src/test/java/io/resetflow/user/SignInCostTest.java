package io.resetflow.user;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * A failed sign-in costs the same hashing work for every address: an unknown one, an account with a hash
 * at the configured cost, and an account whose stored hash is cheaper (made before the cost was raised,
 * and upgraded only at its next successful sign-in). Work is counted in PBKDF2 iterations, not time.
 */
class SignInCostTest {

    private static final int CONFIGURED = 600_000;

    /** The container's PBKDF2, reduced to counting the iterations each verification would run. */
    private final AtomicLong iterations = new AtomicLong();
    private final Pbkdf2PasswordHash counting = new Pbkdf2PasswordHash() {
        @Override
        public void initialize(Map<String, String> parameters) {
        }

        @Override
        public String generate(char[] password) {
            return hash(CONFIGURED);
        }

        @Override
        public boolean verify(char[] password, String hashedPassword) {
            iterations.addAndGet(Long.parseLong(hashedPassword.split(":")[1]));
            return false;
        }
    };

    @Test
    void failedSignInCostsTheConfiguredWorkForUnknownCurrentAndWeakerHashesAlike() {
        assertThat(workOfAFailedSignIn(Optional.empty())).as("unknown address").isEqualTo(CONFIGURED);
        assertThat(workOfAFailedSignIn(Optional.of(hash(CONFIGURED)))).as("current hash").isEqualTo(CONFIGURED);
        assertThat(workOfAFailedSignIn(Optional.of(hash(10_000)))).as("weaker hash").isEqualTo(CONFIGURED);
    }

    private long workOfAFailedSignIn(Optional<String> storedHash) {
        PasswordHasher hasher = new PasswordHasher();
        hasher.pbkdf2 = counting;
        hasher.algorithm = "PBKDF2WithHmacSHA256";
        hasher.iterations = CONFIGURED;
        hasher.saltBytes = 32;
        hasher.keyBytes = 32;
        hasher.configure();
        UserService users = new UserService() {
            @Override
            public Optional<User> findByCanonicalEmail(String canonicalEmail) {
                return storedHash.map(h -> new User("p@example.org", "p@example.org", "P", h, Locale.ENGLISH, Instant.EPOCH));
            }
        };
        users.hasher = hasher;
        iterations.set(0);
        assertThat(users.authenticate("p@example.org", "a wrong password")).isEmpty();
        return iterations.get();
    }

    private static String hash(int iterations) {
        Base64.Encoder b64 = Base64.getEncoder();
        return "PBKDF2WithHmacSHA256:" + iterations + ":" + b64.encodeToString(new byte[32]) + ":" + b64.encodeToString(new byte[32]);
    }
}
