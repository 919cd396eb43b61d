package io.resetflow.payara;

import io.resetflow.auth.SignOutStore;
import jakarta.enterprise.inject.spi.CDI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.expiry.CreatedExpiryPolicy;

/** Ended sign-ins in Payara's data grid (its JCache), known to every node; an entry expires its lifetime after it was made. */
public final class GridSignOuts implements SignOutStore {

    private final Cache<String, Boolean> ended;

    private GridSignOuts(Cache<String, Boolean> ended) {
        this.ended = ended;
    }

    /** The cluster's cache of ended sign-ins: the first node to start makes it, the others find it. Payara only. */
    public static GridSignOuts open(String cacheName, Duration lifetime) {
        CacheManager cacheManager = CDI.current().select(CacheManager.class).get();
        Cache<String, Boolean> cache = cacheManager.getCache(cacheName, String.class, Boolean.class);
        if (cache == null) {
            cache = cacheManager.createCache(cacheName, new MutableConfiguration<String, Boolean>()
                    .setTypes(String.class, Boolean.class)
                    .setStoreByValue(true)
                    .setExpiryPolicyFactory(CreatedExpiryPolicy.factoryOf(
                            new javax.cache.expiry.Duration(TimeUnit.SECONDS, lifetime.toSeconds()))));
        }
        return new GridSignOuts(cache);
    }

    @Override
    public void add(String signInId) {
        ended.put(signInId, Boolean.TRUE);
    }

    @Override
    public boolean contains(String signInId) {
        return ended.containsKey(signInId);
    }
}
