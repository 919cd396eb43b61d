package io.resetflow.throttle;

/**
 * Where the token buckets live: in Payara's data grid ({@code payara/GridBuckets}) or the product's database
 * ({@link DatabaseBuckets}), shared by every node of a cluster, or in the memory of a node that serves alone
 * ({@link NodeBuckets}). Chosen by {@code throttle.store}. A bucket is
 * named by its limit and a key, the keyed digest of the subject it counts for; only limits that are switched on
 * reach a store.
 */
public interface BucketStore {

    /** Takes one token from this bucket; false when it has none left (the attempt must not go ahead). */
    boolean take(Limit limit, byte[] key);

    /** Gives one token back to this bucket (never more than it holds when full). */
    void giveBack(Limit limit, byte[] key);

    /** Forgets this bucket: the next attempt finds it full. */
    void forget(Limit limit, byte[] key);

    /** Whether the store answers a read. */
    boolean answers();
}
