package io.resetflow.mailedlink;

import static org.assertj.core.api.Assertions.assertThat;

import io.resetflow.throttle.Limit;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LinkPurposeTest {

    @Test
    void aLinkWorksForItsLifetimeFromWhenItWasMade() {
        LinkPurpose thirtyMinutes = new LinkPurpose("password_reset", "/reset-password", Duration.ofMinutes(30),
                Limit.RESET_ATTEMPT_PER_CLIENT, Limit.RESET_REQUEST_PER_CLIENT, Limit.RESET_REQUEST_PER_ACCOUNT);

        assertThat(thirtyMinutes.expiryFor(Instant.parse("2026-01-31T23:45:00Z"))).isEqualTo(Instant.parse("2026-02-01T00:15:00Z"));
    }

    @Test
    void configuredLifetimeIsUsed() {
        LinkPurpose fiveMinutes = new LinkPurpose("password_reset", "/reset-password", Duration.ofMinutes(5),
                Limit.RESET_ATTEMPT_PER_CLIENT, Limit.RESET_REQUEST_PER_CLIENT, Limit.RESET_REQUEST_PER_ACCOUNT);

        assertThat(fiveMinutes.expiryFor(Instant.parse("2026-06-01T12:00:00Z"))).isEqualTo(Instant.parse("2026-06-01T12:05:00Z"));
    }
}
