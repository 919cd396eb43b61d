package io.resetflow.mailedlink;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LinkSecretTest {

    @Test
    void secretIs32RandomBytesInUnpaddedBase64Url() {
        String token = LinkSecret.generate();
        assertThat(token).hasSize(43).matches("[A-Za-z0-9_-]+");
        assertThat(Base64.getUrlDecoder().decode(token)).hasSize(32);
    }

    @Test
    void secretsDoNotRepeat() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            assertThat(seen.add(LinkSecret.generate())).isTrue();
        }
    }

    @Test
    void digestIsSha256OfTheSecretText() throws Exception {
        String token = LinkSecret.generate();
        byte[] expected = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
        assertThat(LinkSecret.digest(token)).hasSize(32).isEqualTo(expected);
    }

    @Test
    void wellFormedSecretGivesItsDigest() {
        String token = LinkSecret.generate();
        assertThat(LinkSecret.digestIfWellFormed(token)).hasValueSatisfying(d -> assertThat(d).isEqualTo(LinkSecret.digest(token)));
    }

    @Test
    void malformedCandidatesAreRejectedWithoutHashing() {
        String token = LinkSecret.generate();
        for (String candidate : new String[] {null, "", " ", token + "A", token.substring(1), "A".repeat(100_000),
                token.substring(0, 42) + "=", token.substring(0, 42) + "+", token.substring(0, 42) + "\n",
                token.substring(0, 42) + "é", "' OR '1'='1' -- " + "x".repeat(27)}) {
            assertThat(LinkSecret.digestIfWellFormed(candidate)).as(String.valueOf(candidate)).isEmpty();
        }
    }
}
