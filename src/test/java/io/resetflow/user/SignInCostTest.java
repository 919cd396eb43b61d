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
 * A failed sign-in costs the same hashing work for every address: an unknown one, an account with a hash at the
 * configured cost, and an account whose stored hash is cheaper or of the other scheme (made before the cost was
 * raised or the scheme changed, and replaced only at its next successful sign-in). Work is counted, not timed:
 * Argon2id in blocks (memory in KiB times passes), PBKDF2 in iterations.
 */
class SignInCostTest {

    private static final int MEMORY_KIB = 19_456;
    private static final int PASSES = 2;
    private static final long ARGON2ID_BLOCKS = (long) MEMORY_KIB * PASSES;
    private static final long PBKDF2_ITERATIONS = 600_000;

    /** Work done: [Argon2id blocks, PBKDF2 iterations]. */
    private final AtomicLong blocks = new AtomicLong();
    private final AtomicLong iterations = new AtomicLong();

    private final Argon2idPasswordHash countingArgon2id = new Argon2idPasswordHash() {
        @Override
        public String generate(char[] password) {
            return argon2id(MEMORY_KIB, PASSES);
        }

        @Override
        public boolean verify(char[] password, String hashedPassword) {
            parse(hashedPassword).ifPresent(stored -> blocks.addAndGet(stored.cost().blocks()));
            return false;
        }

        @Override
        public void spend(char[] password, Cost work) {
            blocks.addAndGet(work.blocks());
        }
    };

    private final Pbkdf2PasswordHash countingPbkdf2 = new Pbkdf2PasswordHash() {
        @Override
        public void initialize(Map<String, String> parameters) {
        }

        @Override
        public String generate(char[] password) {
            return pbkdf2((int) PBKDF2_ITERATIONS);
        }

        @Override
        public boolean verify(char[] password, String hashedPassword) {
            iterations.addAndGet(Long.parseLong(hashedPassword.split(":")[1]));
            return false;
        }
    };

    @Test
    void withOnlyArgon2idHashesStoredEveryFailureCostsOneConfiguredArgon2id() {
        long[] expected = {ARGON2ID_BLOCKS, 0};
        assertThat(workOfAFailedSignIn("argon2id", Optional.empty(), false)).as("unknown address").containsExactly(expected);
        assertThat(workOfAFailedSignIn("argon2id", Optional.of(argon2id(MEMORY_KIB, PASSES)), false)).as("current hash").containsExactly(expected);
        assertThat(workOfAFailedSignIn("argon2id", Optional.of(argon2id(MEMORY_KIB / 4, 1)), false)).as("weaker hash")
                .containsExactly(expected);
    }

    @Test
    void whilePbkdf2HashesRemainEveryFailureCostsOneArgon2idAndOnePbkdf2() {
        long[] expected = {ARGON2ID_BLOCKS, PBKDF2_ITERATIONS};
        assertThat(workOfAFailedSignIn("argon2id", Optional.empty(), true)).as("unknown address").containsExactly(expected);
        assertThat(workOfAFailedSignIn("argon2id", Optional.of(argon2id(MEMORY_KIB, PASSES)), true)).as("current hash").containsExactly(expected);
        assertThat(workOfAFailedSignIn("argon2id", Optional.of(pbkdf2((int) PBKDF2_ITERATIONS)), true)).as("PBKDF2 hash").containsExactly(expected);
        assertThat(workOfAFailedSignIn("argon2id", Optional.of(pbkdf2(10_000)), true)).as("weaker PBKDF2 hash").containsExactly(expected);
    }

    @Test
    void withPbkdf2ConfiguredTheSameHoldsTheOtherWayRound() {
        assertThat(workOfAFailedSignIn("pbkdf2", Optional.empty(), false)).as("unknown address").containsExactly(0L, PBKDF2_ITERATIONS);
        assertThat(workOfAFailedSignIn("pbkdf2", Optional.of(pbkdf2(10_000)), false)).as("weaker hash").containsExactly(0L, PBKDF2_ITERATIONS);
        long[] mixed = {ARGON2ID_BLOCKS, PBKDF2_ITERATIONS};
        assertThat(workOfAFailedSignIn("pbkdf2", Optional.empty(), true)).as("unknown address, Argon2id hashes remain").containsExactly(mixed);
        assertThat(workOfAFailedSignIn("pbkdf2", Optional.of(argon2id(MEMORY_KIB, PASSES)), true)).as("Argon2id hash").containsExactly(mixed);
    }

    @Test
    void aStoredHashOfTheOtherSchemeIsCountedEvenWhenTheCensusMissedIt() {
        // The census is refreshed at most every ten minutes; the account's own hash still decides its scheme's work.
        assertThat(workOfAFailedSignIn("argon2id", Optional.of(pbkdf2(10_000)), false)).containsExactly(ARGON2ID_BLOCKS, PBKDF2_ITERATIONS);
    }

    private long[] workOfAFailedSignIn(String scheme, Optional<String> storedHash, boolean otherSchemeStored) {
        PasswordHasher hasher = new PasswordHasher();
        hasher.argon2id = countingArgon2id;
        hasher.pbkdf2 = countingPbkdf2;
        hasher.scheme = scheme;
        hasher.argon2idMemoryKib = MEMORY_KIB;
        hasher.argon2idIterations = PASSES;
        hasher.argon2idParallelism = 1;
        hasher.pbkdf2Algorithm = "PBKDF2WithHmacSHA256";
        hasher.pbkdf2Iterations = (int) PBKDF2_ITERATIONS;
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
        users.userStore = new UserStore() {
            @Override
            public boolean holdsHashesOf(PasswordHasher.Scheme other) {
                return otherSchemeStored;
            }
        };
        blocks.set(0);
        iterations.set(0);
        assertThat(users.authenticate("p@example.org", "a wrong password")).isEmpty();
        return new long[] {blocks.get(), iterations.get()};
    }

    private static String argon2id(int memoryKib, int passes) {
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return "$argon2id$v=19$m=" + memoryKib + ",t=" + passes + ",p=1$" + b64.encodeToString(new byte[32]) + "$" + b64.encodeToString(new byte[32]);
    }

    private static String pbkdf2(int iterations) {
        Base64.Encoder b64 = Base64.getEncoder();
        return "PBKDF2WithHmacSHA256:" + iterations + ":" + b64.encodeToString(new byte[32]) + ":" + b64.encodeToString(new byte[32]);
    }
}
