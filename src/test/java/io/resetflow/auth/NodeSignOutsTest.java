package io.resetflow.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class NodeSignOutsTest {

    private final AtomicLong now = new AtomicLong(-Duration.ofDays(1).toNanos());
    private final NodeSignOuts ended = new NodeSignOuts(Duration.ofMinutes(35), now::get);

    @Test
    void aRecordHoldsForItsLifetimeAndNoLonger() {
        ended.add("sign-in-1");
        assertThat(ended.contains("sign-in-1")).isTrue();
        assertThat(ended.contains("sign-in-2")).isFalse();

        now.addAndGet(Duration.ofMinutes(35).toNanos() - 1);
        assertThat(ended.contains("sign-in-1")).as("a nanosecond before its end").isTrue();
        now.addAndGet(1);
        assertThat(ended.contains("sign-in-1")).as("at its end").isFalse();
    }

    @Test
    void expiredRecordsAreDroppedAsNewOnesComeLiveOnesStay() {
        for (int i = 0; i < 1000; i++) {
            ended.add("old-" + i);
        }
        now.addAndGet(Duration.ofMinutes(36).toNanos());
        for (int i = 0; i < 100; i++) {
            ended.add("new-" + i);
        }

        assertThat(ended.size()).as("records kept after a sweep").isLessThanOrEqualTo(100);
        assertThat(ended.contains("new-0")).isTrue();
        assertThat(ended.contains("old-0")).isFalse();
    }
}
