package io.resetflow.throttle;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The buckets of a node that serves alone, on a clock the test turns. */
class NodeBucketsTest {

    private static final Duration WINDOW = Duration.ofMinutes(15);
    private static final Limit THREE = Limit.RESET_REQUEST_PER_ACCOUNT;
    private static final Limit HUNDRED = Limit.SIGN_IN_PER_ACCOUNT;

    private final AtomicLong nanos = new AtomicLong(-7_000_000_000L); // a monotonic clock may start anywhere
    private final NodeBuckets buckets = new NodeBuckets(Map.of(THREE, 3, HUNDRED, 100), WINDOW, nanos::get);

    private void advance(Duration duration) {
        nanos.addAndGet(duration.toNanos());
    }

    private static byte[] key(String subject) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(subject.getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private boolean take(String subject) {
        return buckets.take(THREE, key(subject));
    }

    /** Four attempts in a row: a full bucket of three grants the first three. */
    private List<Boolean> fourTakes(String subject) {
        return List.of(take(subject), take(subject), take(subject), take(subject));
    }

    private void empty(String subject) {
        assertThat(fourTakes(subject)).contains(false);
    }

    @Test
    void countsToTheLimitAndRefillsAtTheEndOfEachWindow() {
        assertThat(fourTakes("a")).containsExactly(true, true, true, false);
        assertThat(take("b")).as("another subject has its own bucket").isTrue();
        assertThat(buckets.take(HUNDRED, key("a"))).as("another limit has its own bucket").isTrue();

        advance(WINDOW.minusSeconds(1));
        assertThat(take("a")).as("a second before the window ends").isFalse();
        advance(Duration.ofSeconds(1));
        assertThat(fourTakes("a")).containsExactly(true, true, true, false);

        advance(WINDOW.multipliedBy(3).plusMinutes(5));
        assertThat(take("a")).as("windows after a long rest").isTrue();
        advance(Duration.ofMinutes(9));
        take("a");
        take("a");
        assertThat(take("a")).as("the window is still the one the first bucket began, 5 minutes in").isFalse();
        advance(Duration.ofMinutes(1));
        assertThat(take("a")).isTrue();
    }

    @Test
    void aTokenGivenBackCanBeTakenAgainButNeverBeyondAFullBucket() {
        empty("a");
        buckets.giveBack(THREE, key("a"));
        assertThat(take("a")).isTrue();
        assertThat(take("a")).isFalse();

        advance(WINDOW);
        buckets.giveBack(THREE, key("a"));
        buckets.giveBack(THREE, key("b"));
        assertThat(fourTakes("a")).as("refilled, not more than full").containsExactly(true, true, true, false);
        assertThat(fourTakes("b")).as("a bucket never used").containsExactly(true, true, true, false);
    }

    @Test
    void forgettingABucketLiftsItsCount() {
        empty("a");
        buckets.forget(THREE, key("a"));
        assertThat(take("a")).isTrue();
    }

    @Test
    void dropsOnlyBucketsWhoseWindowHasEnded() {
        empty("old");
        advance(Duration.ofMinutes(10));
        take("new");
        advance(Duration.ofMinutes(5).minusSeconds(1));
        assertThat(buckets.dropIdle()).as("a second before the first window ends").isZero();

        advance(Duration.ofSeconds(1));
        assertThat(buckets.dropIdle()).as("the old bucket only").isEqualTo(1);
        assertThat(buckets.size()).isEqualTo(1);
        assertThat(fourTakes("old"))
                .as("a dropped bucket was full: a new one counts the same").containsExactly(true, true, true, false);

        advance(WINDOW);
        assertThat(buckets.dropIdle()).isEqualTo(2);
        assertThat(buckets.size()).isZero();
    }

    @Test
    void parallelAttemptsOnOneBucketGetExactlyItsTokens() throws Exception {
        int threads = 8;
        int attemptsEach = 25;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int round = 0; round < 50; round++) {
                byte[] key = key("subject " + round);
                CyclicBarrier start = new CyclicBarrier(threads);
                List<Future<Integer>> granted = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    granted.add(pool.submit(() -> {
                        start.await();
                        int n = 0;
                        for (int i = 0; i < attemptsEach; i++) {
                            if (buckets.take(HUNDRED, key)) {
                                n++;
                            }
                            if (i % 5 == 0) {
                                buckets.dropIdle(); // never drops a bucket in its window
                            }
                        }
                        return n;
                    }));
                }
                int total = 0;
                for (Future<Integer> f : granted) {
                    total += f.get(30, TimeUnit.SECONDS);
                }
                assertThat(total).as("round %d: 200 attempts at once against 100 per window", round).isEqualTo(100);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
