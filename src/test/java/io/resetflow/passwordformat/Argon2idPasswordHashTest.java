package io.resetflow.passwordformat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class Argon2idPasswordHashTest {

    private static final char[] PASSWORD = "correct horse battery staple".toCharArray();

    /**
     * Made by the reference implementation (Debian's {@code argon2} package), salt "saltsaltsaltsalt":
     * {@code echo -n "correct horse battery staple" | argon2 saltsaltsaltsalt -id -t 2 -k 19456 -p 1 -l 32 -e}
     */
    private static final String REFERENCE_OWASP =
            "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$QKHrg5tayLGcN+Y0HVPNaBqykOVLUxlMkZycXE1uWRM";
    /** The same with {@code -t 2 -m 10} (1024 KiB). */
    private static final String REFERENCE_SMALL =
            "$argon2id$v=19$m=1024,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$RC5JY/00hXKlnXZ/+PCVcJg84nuCQwbjIQ3DVCTomOQ";

    private final Argon2idPasswordHash hash = new Argon2idPasswordHash();

    @Test
    void verifiesHashesMadeByTheReferenceImplementation() {
        assertThat(hash.verify(PASSWORD, REFERENCE_OWASP)).isTrue();
        assertThat(hash.verify(PASSWORD, REFERENCE_SMALL)).isTrue();
        assertThat(hash.verify("correct horse battery stapler".toCharArray(), REFERENCE_SMALL)).isFalse();
    }

    @Test
    void newHashesUseTheConfiguredCostInPhcFormatWithAFreshSalt() {
        hash.initialize(Map.of("Argon2id.MemoryKiB", "1024", "Argon2id.Iterations", "3", "Argon2id.Parallelism", "2",
                "Argon2id.SaltSizeBytes", "32", "Argon2id.HashSizeBytes", "32"));
        String first = hash.generate(PASSWORD);
        String second = hash.generate(PASSWORD);

        assertThat(first).startsWith("$argon2id$v=19$m=1024,t=3,p=2$").isNotEqualTo(second);
        Argon2idPasswordHash.Stored stored = Argon2idPasswordHash.parse(first).orElseThrow();
        assertThat(stored.salt()).hasSize(32);
        assertThat(stored.hash()).hasSize(32);
        assertThat(hash.verify(PASSWORD, first)).isTrue();
        assertThat(hash.verify(PASSWORD, second)).isTrue();
        assertThat(hash.verify("Correct horse battery staple".toCharArray(), first)).isFalse();
    }

    @Test
    void aStoredHashIsVerifiedWithItsOwnParametersNotTheConfiguredOnes() {
        hash.initialize(Map.of("Argon2id.MemoryKiB", "8192", "Argon2id.Iterations", "1"));
        assertThat(hash.verify(PASSWORD, REFERENCE_SMALL)).isTrue();
    }

    @Test
    void passwordsBeyondAsciiAreHashedAsUtf8() {
        hash.initialize(Map.of("Argon2id.MemoryKiB", "64", "Argon2id.Iterations", "1"));
        char[] password = "Grüße, 世界 — ünïcödé pässwörd".toCharArray();
        String stored = hash.generate(password);
        assertThat(hash.verify(password, stored)).isTrue();
        assertThat(hash.verify("Grüsse, 世界 — ünïcödé pässwörd".toCharArray(), stored)).isFalse();
    }

    @Test
    void malformedOrForeignStoredValuesNeverMatch() {
        for (String stored : new String[] {
                "", "not a hash", "PBKDF2WithHmacSHA256:1000:AAAA:AAAA",
                "$argon2i$v=19$m=1024,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$RC5JY/00hXKlnXZ/+PCVcJg84nuCQwbjIQ3DVCTomOQ",
                "$argon2id$v=16$m=1024,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$RC5JY/00hXKlnXZ/+PCVcJg84nuCQwbjIQ3DVCTomOQ",
                "$argon2id$v=19$m=4,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$RC5JY/00hXKlnXZ/+PCVcJg84nuCQwbjIQ3DVCTomOQ",
                "$argon2id$v=19$m=1024,t=0,p=1$c2FsdHNhbHRzYWx0c2FsdA$RC5JY/00hXKlnXZ/+PCVcJg84nuCQwbjIQ3DVCTomOQ",
                "$argon2id$v=19$m=1024,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$",
                "$argon2id$v=19$m=1024,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$RC5JY/00hXKlnXZ/+PCVcJg84nuCQwbjIQ3DVCTomOQ$extra",
                "$argon2id$v=19$m=999999999,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$RC5JY/00hXKlnXZ/+PCVcJg84nuCQwbjIQ3DVCTomOQ",
                "$argon2id$v=19$m=99999999999,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$RC5JY/00hXKlnXZ/+PCVcJg84nuCQwbjIQ3DVCTomOQ"}) {
            assertThat(hash.verify(PASSWORD, stored)).as(stored).isFalse();
        }
        assertThat(hash.verify(PASSWORD, null)).isFalse();
    }

    @Test
    void argon2iAndVersion10HashesOtherSoftwareMadeAreReadButNeverCurrent() {
        String readme = "$argon2i$v=19$m=65536,t=2,p=4$c29tZXNhbHQ$RdescudvJCsgt3ub+b+dWRWJTmaaJObG";
        String versionless = "$argon2i$m=256,t=2,p=1$c29tZXNhbHQ$/U3YPXYsSb3q9XxHvc0MLxur+GP960kN9j7emXX8zwY";

        assertThat(hash.verify("password".toCharArray(), readme)).isTrue();
        assertThat(hash.verify("password".toCharArray(), versionless)).as("no version: 1.0").isTrue();
        assertThat(hash.isCurrent(readme)).isFalse();
        assertThat(hash.isCurrent(versionless)).isFalse();
    }

    @Test
    void unusableParametersAreRefusedAtStart() {
        assertThatThrownBy(() -> hash.initialize(Map.of("Argon2id.MemoryKiB", "0"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> hash.initialize(Map.of("Argon2id.MemoryKiB", "8", "Argon2id.Parallelism", "2")))
                .hasMessageContaining("8 KiB of memory per lane");
        assertThatThrownBy(() -> hash.initialize(Map.of("Argon2id.SaltSizeBytes", "4"))).isInstanceOf(IllegalArgumentException.class);
    }
}
