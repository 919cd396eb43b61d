package io.resetflow.throttle;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.grid.jcache.Bucket4jJCache;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.Map;
import javax.cache.Cache;

/**
 * Buckets (Bucket4j) in the server's JCache, which on Payara is the data grid: every node of a cluster counts
 * against the same buckets. Each attempt is an entry processor run where the entry lives; an entry expires one
 * window after it was last changed (the cache's expiry policy), when its bucket would be full again anyway. Entry
 * keys are {@code LIMIT:hex-digest}.
 */
final class GridBuckets implements BucketStore {

    private final Cache<String, byte[]> cache;
    private final ProxyManager<String> proxies;
    private final Map<Limit, BucketConfiguration> configurations;

    GridBuckets(Cache<String, byte[]> cache, Map<Limit, BucketConfiguration> configurations) {
        this.cache = cache;
        this.proxies = Bucket4jJCache.entryProcessorBasedBuilder(cache).build();
        this.configurations = new EnumMap<>(configurations);
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
