package io.resetflow.throttle;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Buckets in this node's memory, for a node that serves alone: an attempt costs a map update instead of a
 * data-grid operation with its serialisation. A bucket counts as the grid's do: N tokens, all of them back at the
 * end of each window, the first window starting when the bucket is first used; so it is kept as that window's start
 * and the tokens used in it, about a hundred bytes with its key (the first 128 bits of the subject's keyed digest).
 * <p>
 * Every change happens under the map's lock for the bucket. A bucket whose window has ended is full again, the same
 * as a new one (whose window would start later, never earlier): {@link #dropIdle()} forgets those, so memory follows
 * the subjects seen in the last window, as the grid's expiry does.
 */
final class NodeBuckets implements BucketStore {

    private final long windowNanos;
    private final LongSupplier nanoTime;
    private final Map<Limit, Integer> capacities;
    private final Map<Limit, ConcurrentHashMap<Key, Bucket>> buckets = new EnumMap<>(Limit.class);

    /**
     * @param capacities tokens per window of each limit that is switched on
     * @param nanoTime   a monotonic clock ({@code System::nanoTime})
     */
    NodeBuckets(Map<Limit, Integer> capacities, Duration window, LongSupplier nanoTime) {
        this.windowNanos = window.toNanos();
        this.nanoTime = nanoTime;
        this.capacities = new EnumMap<>(capacities);
        capacities.keySet().forEach(limit -> buckets.put(limit, new ConcurrentHashMap<>()));
    }

    /** The first 128 bits of a keyed digest: enough to tell subjects apart, half the memory of the whole. */
    private record Key(long high, long low) {

        static Key of(byte[] digest) {
            ByteBuffer bytes = ByteBuffer.wrap(digest);
            return new Key(bytes.getLong(), bytes.getLong());
        }
    }

    /** One subject's bucket: when its current window started and how many tokens were used in it. */
    private static final class Bucket {

        long windowStart;
        int used;

        Bucket(long now) {
            windowStart = now;
        }

        /** Moves to the window that holds {@code now}, with every token back, if the current one has ended. */
        void refill(long now, long windowNanos) {
            long elapsed = now - windowStart;
            if (elapsed >= windowNanos) {
                windowStart += elapsed - elapsed % windowNanos;
                used = 0;
            }
        }
    }

    @Override
    public boolean take(Limit limit, byte[] key) {
        long now = nanoTime.getAsLong();
        int capacity = capacities.get(limit);
        boolean[] taken = {false};
        buckets.get(limit).compute(Key.of(key), (k, bucket) -> {
            Bucket b = bucket != null ? bucket : new Bucket(now);
            b.refill(now, windowNanos);
            if (b.used < capacity) {
                b.used++;
                taken[0] = true;
            }
            return b;
        });
        return taken[0];
    }

    @Override
    public void giveBack(Limit limit, byte[] key) {
        long now = nanoTime.getAsLong();
        buckets.get(limit).computeIfPresent(Key.of(key), (k, bucket) -> {
            bucket.refill(now, windowNanos);
            if (bucket.used > 0) {
                bucket.used--;
            }
            return bucket;
        });
    }

    @Override
    public void forget(Limit limit, byte[] key) {
        buckets.get(limit).remove(Key.of(key));
    }

    @Override
    public boolean answers() {
        return true;
    }

    /** Forgets the buckets whose window has ended (they are full again); returns how many. */
    int dropIdle() {
        long now = nanoTime.getAsLong();
        int dropped = 0;
        for (ConcurrentHashMap<Key, Bucket> ofLimit : buckets.values()) {
            for (Key key : ofLimit.keySet()) {
                boolean[] ended = {false};
                ofLimit.computeIfPresent(key, (k, bucket) -> {
                    ended[0] = now - bucket.windowStart >= windowNanos;
                    return ended[0] ? null : bucket;
                });
                if (ended[0]) {
                    dropped++;
                }
            }
        }
        return dropped;
    }

    /** How many buckets this node holds. */
    int size() {
        return buckets.values().stream().mapToInt(Map::size).sum();
    }
}
