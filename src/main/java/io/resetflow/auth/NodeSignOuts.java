package io.resetflow.auth;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Ended sign-ins in this node's memory, for a node that serves alone: a record lives for its lifetime, and expired
 * ones are dropped whenever the map has grown by as many records again since the last sweep.
 */
final class NodeSignOuts implements SignOutStore {

    private static final int SWEEP_FROM = 1024;

    private final Map<String, Long> endsAtNanos = new ConcurrentHashMap<>();
    private final long lifetimeNanos;
    private final LongSupplier nanoTime;
    private volatile int sweepAt = SWEEP_FROM;

    NodeSignOuts(Duration lifetime, LongSupplier nanoTime) {
        this.lifetimeNanos = lifetime.toNanos();
        this.nanoTime = nanoTime;
    }

    @Override
    public void add(String signInId) {
        long now = nanoTime.getAsLong();
        endsAtNanos.put(signInId, now + lifetimeNanos);
        if (endsAtNanos.size() >= sweepAt) {
            endsAtNanos.values().removeIf(endsAt -> endsAt - now <= 0);
            sweepAt = Math.max(SWEEP_FROM, 2 * endsAtNanos.size());
        }
    }

    @Override
    public boolean contains(String signInId) {
        Long endsAt = endsAtNanos.get(signInId);
        return endsAt != null && endsAt - nanoTime.getAsLong() > 0;
    }

    int size() {
        return endsAtNanos.size();
    }
}
