package io.resetflow.payara;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.grid.jcache.Bucket4jJCache;
import io.resetflow.throttle.BucketStore;
import io.resetflow.throttle.Limit;
import jakarta.enterprise.inject.spi.CDI;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.expiry.ModifiedExpiryPolicy;

/**
 * Buckets (Bucket4j) in the server's JCache, which on Payara is the data grid: every node of a cluster counts
 * against the same buckets. Each attempt is an entry processor run where the entry lives; an entry expires one
 * window after it was last changed (the cache's expiry policy), when its bucket would be full again anyway. Entry
 * keys are {@code LIMIT:hex-digest}.
 */
public final class GridBuckets implements BucketStore {

    static final String CACHE = "resetflow-throttle";

    private final Cache<String, byte[]> cache;
    private final ProxyManager<String> proxies;
    private final Map<Limit, BucketConfiguration> configurations = new EnumMap<>(Limit.class);

    /**
     * The buckets in Payara's data grid (its JCache {@code CacheManager}, a CDI bean of the server's). Called only where
     * {@link Payara#isPresent()}.
     *
     * @param capacities tokens per window of each limit that is switched on
     */
    public static GridBuckets open(Map<Limit, Integer> capacities, Duration window) {
        return new GridBuckets(CDI.current().select(CacheManager.class).get(), capacities, window);
    }

    /** @param capacities tokens per window of each limit that is switched on */
    public GridBuckets(CacheManager cacheManager, Map<Limit, Integer> capacities, Duration window) {
        this.cache = cache(cacheManager, window);
        this.proxies = Bucket4jJCache.entryProcessorBasedBuilder(cache).build();
        capacities.forEach((limit, tokens) -> configurations.put(limit, BucketConfiguration.builder()
                .addLimit(Bandwidth.builder().capacity(tokens).refillIntervally(tokens, window).build())
                .build()));
    }

    /** The cluster's cache of buckets: the first node to start makes it, the others find it. */
    private static Cache<String, byte[]> cache(CacheManager cacheManager, Duration window) {
        Cache<String, byte[]> cache = cacheManager.getCache(CACHE, String.class, byte[].class);
        if (cache != null) {
            return cache;
        }
        return cacheManager.createCache(CACHE, new MutableConfiguration<String, byte[]>()
                .setTypes(String.class, byte[].class)
                .setStoreByValue(true)
                .setExpiryPolicyFactory(ModifiedExpiryPolicy.factoryOf(
                        new javax.cache.expiry.Duration(TimeUnit.SECONDS, window.toSeconds()))));
    }

    @Override
    public boolean take(Limit limit, byte[] key) {
        return bucket(limit, key).tryConsume(1);
    }

    @Override
    public void giveBack(Limit limit, byte[] key) {
        bucket(limit, key).addTokens(1);
    }

    @Override
    public void forget(Limit limit, byte[] key) {
        proxies.removeProxy(entryKey(limit, key));
    }

    @Override
    public boolean answers() {
        cache.containsKey("health-probe");
        return true;
    }

    private BucketProxy bucket(Limit limit, byte[] key) {
        BucketConfiguration configuration = configurations.get(limit);
        return proxies.builder().build(entryKey(limit, key), () -> configuration);
    }

    private static String entryKey(Limit limit, byte[] key) {
        return limit.name() + ":" + HexFormat.of().formatHex(key);
    }
}
