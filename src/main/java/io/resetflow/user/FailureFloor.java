package io.resetflow.user;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

/**
 * Holds every failed sign-in until it has taken as long as a check of the costliest stored hash takes. Stored
 * hashes differ in cost (a host site's bcrypt at cost 10 or 12, Django's PBKDF2 at its iterations, PHPass, the
 * product's own Argon2id, a value no format reads and that is not computed at all), and without a floor the time
 * of a failure would tell which kind of hash an address has, and so that it has an account.
 *
 * <p>Checks are timed per cost key ({@link io.resetflow.passwordformat.PasswordFormat#costKey}); a key keeps its
 * last {@link #PER_KEY} durations, so the floor follows the machine's load, and floods of cheap checks cannot push
 * a costly key's durations out. A key's typical duration is the median of what it keeps, so one check that a pause
 * of the whole machine (a collection, another process) stretched does not hold every later failure that long; the
 * floor is the largest typical duration of any key. Keys are learnt from a sample of the stored hashes at start,
 * each timed {@link #TIMINGS_AT_START} times, and from every check since.
 */
final class FailureFloor {

    static final int PER_KEY = 16;
    /** How often each kind of stored hash is timed at start: the median of three is one pause proof. */
    static final int TIMINGS_AT_START = 3;
    /** More keys than any table holds in practice; beyond them new keys are not learnt, never old ones dropped. */
    static final int MAX_KEYS = 256;
    /** No failure is held longer than this, whatever one check once took (a pause of the whole machine). */
    static final long MAX_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final LongSupplier nanoClock;
    private final LongConsumer sleeper;
    private final Map<String, Recent> durations = new HashMap<>();

    /** The last {@link #PER_KEY} durations of one cost key, oldest overwritten first. */
    private static final class Recent {
        final long[] nanos = new long[PER_KEY];
        int next;
        int count;

        /** The lower median: one check slowed by a pause of the machine among ordinary ones does not count. */
        long typical() {
            long[] filled = Arrays.copyOf(nanos, count);
            Arrays.sort(filled);
            return filled[(count - 1) / 2];
        }
    }

    FailureFloor(LongSupplier nanoClock, LongConsumer sleeper) {
        this.nanoClock = nanoClock;
        this.sleeper = sleeper;
    }

    /** Records how long one check of a value with this cost key took. */
    synchronized void observe(String costKey, long nanos) {
        Recent recent = durations.get(costKey);
        if (recent == null) {
            if (durations.size() >= MAX_KEYS) {
                return;
            }
            recent = new Recent();
            durations.put(costKey, recent);
        }
        recent.nanos[recent.next] = Math.min(nanos, MAX_NANOS);
        recent.next = (recent.next + 1) % PER_KEY;
        recent.count = Math.min(recent.count + 1, PER_KEY);
    }

    /** The typical recent check of the costliest cost key. */
    synchronized long floorNanos() {
        long floor = 0;
        for (Recent recent : durations.values()) {
            floor = Math.max(floor, recent.typical());
        }
        return floor;
    }

    /** Waits until a failure that began at {@code startedNanos} (of the same clock) has lasted the floor. */
    void hold(long startedNanos) {
        long remaining = floorNanos() - (nanoClock.getAsLong() - startedNanos);
        if (remaining > 0) {
            sleeper.accept(remaining);
        }
    }

    /** The waiting a running server does: the thread sleeps, keeping its interruption. */
    static void sleep(long nanos) {
        try {
            TimeUnit.NANOSECONDS.sleep(nanos);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
