package io.resetflow.passwordreset;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ResetTokenTest {

    @Test
    void tokenIs32RandomBytesInUnpaddedBase64Url() {
        String token = ResetToken.generate();
        assertThat(token).hasSize(43).matches("[A-Za-z0-9_-]+");
        assertThat(Base64.getUrlDecoder().decode(token)).hasSize(32);
    }

    @Test
    void tokensDoNotRepeat() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            assertThat(seen.add(ResetToken.generate())).isTrue();
        }
    }

    @Test
    void digestIsSha256OfTheTokenText() throws Exception {
        String token = ResetToken.generate();
        byte[] expected = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
        assertThat(ResetToken.digest(token)).hasSize(32).isEqualTo(expected);
    }

    @Test
    void wellFormedTokenGivesItsDigest() {
        String token = ResetToken.generate();
        assertThat(ResetToken.digestIfWellFormed(token)).hasValueSatisfying(d -> assertThat(d).isEqualTo(ResetToken.digest(token)));
    }

    @Test
    void malformedCandidatesAreRejectedWithoutHashing() {
        String token = ResetToken.generate();
        for (String candidate : new String[] {null, "", " ", token + "A", token.substring(1), "A".repeat(100_000),
                token.substring(0, 42) + "=", token.substring(0, 42) + "+", token.substring(0, 42) + "\n",
                token.substring(0, 42) + "é", "' OR '1'='1' -- " + "x".repeat(27)}) {
            assertThat(ResetToken.digestIfWellFormed(candidate)).as(String.valueOf(candidate)).isEmpty();
        }
    }
}
