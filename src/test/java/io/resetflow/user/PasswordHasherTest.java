package io.resetflow.user;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class PasswordHasherTest {

    private final PasswordHasher hasher = new PasswordHasher();

    {
        hasher.algorithm = "PBKDF2WithHmacSHA256";
        hasher.iterations = 600_000;
        hasher.saltBytes = 32;
        hasher.keyBytes = 32;
    }

    private static String stored(String algorithm, int iterations, int saltBytes, int keyBytes) {
        Base64.Encoder b64 = Base64.getEncoder();
        return algorithm + ":" + iterations + ":" + b64.encodeToString(new byte[saltBytes]) + ":" + b64.encodeToString(new byte[keyBytes]);
    }

    @Test
    void hashWithTheConfiguredParametersStays() {
        assertThat(hasher.needsRehash(stored("PBKDF2WithHmacSHA256", 600_000, 32, 32))).isFalse();
        assertThat(hasher.needsRehash(stored("PBKDF2WithHmacSHA256", 1_000_000, 32, 32))).isFalse();
    }

    @Test
    void weakerHashesAreReplaced() {
        assertThat(hasher.needsRehash(stored("PBKDF2WithHmacSHA256", 2048, 32, 32))).as("container default iterations").isTrue();
        assertThat(hasher.needsRehash(stored("PBKDF2WithHmacSHA256", 600_000, 16, 32))).as("short salt").isTrue();
        assertThat(hasher.needsRehash(stored("PBKDF2WithHmacSHA256", 600_000, 32, 16))).as("short key").isTrue();
        assertThat(hasher.needsRehash(stored("PBKDF2WithHmacSHA1", 600_000, 32, 32))).as("other algorithm").isTrue();
        assertThat(hasher.needsRehash("not-a-hash")).isTrue();
    }
}
