package io.resetflow.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryBackoffTest {

    private static final Duration INITIAL = Duration.ofSeconds(10);
    private static final Duration MAX = Duration.ofMinutes(15);

    @Test
    void delayDoublesAfterEachFailedAttempt() {
        assertThat(RetryBackoff.delay(1, INITIAL, MAX)).isEqualTo(Duration.ofSeconds(10));
        assertThat(RetryBackoff.delay(2, INITIAL, MAX)).isEqualTo(Duration.ofSeconds(20));
        assertThat(RetryBackoff.delay(3, INITIAL, MAX)).isEqualTo(Duration.ofSeconds(40));
        assertThat(RetryBackoff.delay(7, INITIAL, MAX)).isEqualTo(Duration.ofSeconds(640));
    }

    @Test
    void delayNeverExceedsTheMaximumEvenAfterManyAttempts() {
        assertThat(RetryBackoff.delay(8, INITIAL, MAX)).isEqualTo(MAX);
        assertThat(RetryBackoff.delay(1_000, INITIAL, MAX)).isEqualTo(MAX);
    }
}
