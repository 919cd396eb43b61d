package io.resetflow.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PasswordHasherTest {

    private static final char[] PASSWORD = "correct horse battery staple".toCharArray();

    /** A hasher with the shipped settings, except Argon2id's memory (kept small so the test is quick). */
    static PasswordHasher hasher(String scheme, Pbkdf2PasswordHash pbkdf2) {
        PasswordHasher hasher = new PasswordHasher();
        hasher.argon2id = new Argon2idPasswordHash();
        hasher.pbkdf2 = pbkdf2;
        hasher.scheme = scheme;
        hasher.argon2idMemoryKib = 1024;
        hasher.argon2idIterations = 2;
        hasher.argon2idParallelism = 1;
        hasher.pbkdf2Algorithm = "PBKDF2WithHmacSHA256";
        hasher.pbkdf2Iterations = 600_000;
        hasher.saltBytes = 32;
        hasher.keyBytes = 32;
        hasher.configure();
        return hasher;
    }

    /** Stands in for the container's PBKDF2 where only the stored format matters. */
    static final Pbkdf2PasswordHash FORMAT_ONLY_PBKDF2 = new Pbkdf2PasswordHash() {
        @Override
        public void initialize(Map<String, String> parameters) {
        }

        @Override
        public String generate(char[] password) {
            return pbkdf2("PBKDF2WithHmacSHA256", 600_000, 32, 32);
        }

        @Override
        public boolean verify(char[] password, String hashedPassword) {
            return false;
        }
    };

    static String pbkdf2(String algorithm, int iterations, int saltBytes, int keyBytes) {
        Base64.Encoder b64 = Base64.getEncoder();
        return algorithm + ":" + iterations + ":" + b64.encodeToString(new byte[saltBytes]) + ":" + b64.encodeToString(new byte[keyBytes]);
    }

    private final PasswordHasher argon2idHasher = hasher("argon2id", FORMAT_ONLY_PBKDF2);
    private final PasswordHasher pbkdf2Hasher = hasher("pbkdf2", FORMAT_ONLY_PBKDF2);

    @Test
    void newHashesAreArgon2idByDefaultAndVerify() {
        String stored = argon2idHasher.hash(PASSWORD);
        assertThat(stored).startsWith("$argon2id$v=19$m=1024,t=2,p=1$");
        assertThat(argon2idHasher.verify(PASSWORD, stored)).isTrue();
        assertThat(argon2idHasher.verify("wrong".toCharArray(), stored)).isFalse();
        assertThat(argon2idHasher.needsRehash(stored)).isFalse();
    }

    @Test
    void anArgon2idHashWithTheConfiguredCostOrMoreStays() {
        assertThat(argon2idHasher.needsRehash(argon2id(1024, 2, 32, 32))).isFalse();
        assertThat(argon2idHasher.needsRehash(argon2id(4096, 3, 32, 32))).isFalse();
    }

    @Test
    void weakerArgon2idHashesAndPbkdf2HashesAreReplacedWhenArgon2idIsConfigured() {
        assertThat(argon2idHasher.needsRehash(argon2id(512, 2, 32, 32))).as("less memory").isTrue();
        assertThat(argon2idHasher.needsRehash(argon2id(1024, 1, 32, 32))).as("fewer passes").isTrue();
        assertThat(argon2idHasher.needsRehash(argon2id(1024, 2, 16, 32))).as("short salt").isTrue();
        assertThat(argon2idHasher.needsRehash(argon2id(1024, 2, 32, 16))).as("short hash").isTrue();
        assertThat(argon2idHasher.needsRehash(pbkdf2("PBKDF2WithHmacSHA256", 600_000, 32, 32))).as("other scheme").isTrue();
        assertThat(argon2idHasher.needsRehash("$argon2id$garbage")).isTrue();
    }

    @Test
    void withPbkdf2ConfiguredThePbkdf2RulesApplyAndArgon2idHashesAreReplaced() {
        assertThat(pbkdf2Hasher.hash(PASSWORD)).startsWith("PBKDF2WithHmacSHA256:600000:");
        assertThat(pbkdf2Hasher.needsRehash(pbkdf2("PBKDF2WithHmacSHA256", 600_000, 32, 32))).isFalse();
        assertThat(pbkdf2Hasher.needsRehash(pbkdf2("PBKDF2WithHmacSHA256", 1_000_000, 32, 32))).isFalse();
        assertThat(pbkdf2Hasher.needsRehash(pbkdf2("PBKDF2WithHmacSHA256", 2048, 32, 32))).as("container default iterations").isTrue();
        assertThat(pbkdf2Hasher.needsRehash(pbkdf2("PBKDF2WithHmacSHA256", 600_000, 16, 32))).as("short salt").isTrue();
        assertThat(pbkdf2Hasher.needsRehash(pbkdf2("PBKDF2WithHmacSHA256", 600_000, 32, 16))).as("short key").isTrue();
        assertThat(pbkdf2Hasher.needsRehash(pbkdf2("PBKDF2WithHmacSHA1", 600_000, 32, 32))).as("other variant").isTrue();
        assertThat(pbkdf2Hasher.needsRehash(argon2id(1024, 2, 32, 32))).as("other scheme").isTrue();
        assertThat(pbkdf2Hasher.needsRehash("not-a-hash")).isTrue();
    }

    @Test
    void aStoredArgon2idHashStillVerifiesWhenPbkdf2IsConfigured() {
        String stored = argon2idHasher.hash(PASSWORD);
        assertThat(pbkdf2Hasher.verify(PASSWORD, stored)).isTrue();
    }

    @Test
    void malformedStoredValuesNeverMatch() {
        assertThat(argon2idHasher.verify(PASSWORD, "not-a-hash")).isFalse();
        assertThat(argon2idHasher.verify(PASSWORD, "PBKDF2WithHmacSHA256:x:AAAA:AAAA")).isFalse();
        assertThat(argon2idHasher.verify(PASSWORD, "$argon2id$v=19$m=1024")).isFalse();
    }

    @Test
    void anUnknownSchemeIsRefusedAtStart() {
        assertThatThrownBy(() -> hasher("bcrypt", FORMAT_ONLY_PBKDF2)).hasMessageContaining("argon2id or pbkdf2");
    }

    private static String argon2id(int memoryKib, int passes, int saltBytes, int hashBytes) {
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return "$argon2id$v=19$m=" + memoryKib + ",t=" + passes + ",p=1$" + b64.encodeToString(new byte[saltBytes])
                + "$" + b64.encodeToString(new byte[hashBytes]);
    }
}
