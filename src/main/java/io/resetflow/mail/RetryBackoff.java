package io.resetflow.mail;

import java.time.Duration;

/** Delay before the next delivery attempt: {@code initial * 2^(failedAttempts-1)}, never above {@code max}. */
final class RetryBackoff {

    private RetryBackoff() {
    }

    static Duration delay(int failedAttempts, Duration initial, Duration max) {
        if (failedAttempts <= 1) {
            return initial.compareTo(max) > 0 ? max : initial;
        }
        int doublings = Math.min(failedAttempts - 1, 30);
        Duration delay = initial.multipliedBy(1L << doublings);
        return delay.compareTo(max) > 0 || delay.isNegative() ? max : delay;
    }
}
