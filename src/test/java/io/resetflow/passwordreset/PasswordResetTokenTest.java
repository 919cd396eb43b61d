package io.resetflow.passwordreset;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PasswordResetTokenTest {

    @Test
    void secretIs32RandomBytesInUnpaddedBase64Url() {
        String token = PasswordResetToken.newSecret();
        assertThat(token).hasSize(43).matches("[A-Za-z0-9_-]+");
        assertThat(Base64.getUrlDecoder().decode(token)).hasSize(32);
    }

    @Test
    void secretsDoNotRepeat() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            assertThat(seen.add(PasswordResetToken.newSecret())).isTrue();
        }
    }

    @Test
    void digestIsSha256OfTheSecretText() throws Exception {
        String token = PasswordResetToken.newSecret();
        byte[] expected = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
        assertThat(PasswordResetToken.digest(token)).hasSize(32).isEqualTo(expected);
    }

    @Test
    void wellFormedSecretGivesItsDigest() {
        String token = PasswordResetToken.newSecret();
        assertThat(PasswordResetToken.digestIfWellFormed(token)).hasValueSatisfying(d -> assertThat(d).isEqualTo(PasswordResetToken.digest(token)));
    }

    @Test
    void malformedCandidatesAreRejectedWithoutHashing() {
        String token = PasswordResetToken.newSecret();
        for (String candidate : new String[] {null, "", " ", token + "A", token.substring(1), "A".repeat(100_000),
                token.substring(0, 42) + "=", token.substring(0, 42) + "+", token.substring(0, 42) + "\n",
                token.substring(0, 42) + "é", "' OR '1'='1' -- " + "x".repeat(27)}) {
            assertThat(PasswordResetToken.digestIfWellFormed(candidate)).as(String.valueOf(candidate)).isEmpty();
        }
    }
}
