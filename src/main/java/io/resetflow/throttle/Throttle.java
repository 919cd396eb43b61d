package io.resetflow.throttle;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.grid.jcache.Bucket4jJCache;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.Map;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.expiry.ModifiedExpiryPolicy;
import org.eclipse.microprofile.config.Config;

/**
 * Rate limits as token buckets (Bucket4j) kept in the server's JCache, which on Payara is the Hazelcast
 * data grid: every node of a cluster counts against the same buckets. A bucket of N per window holds N
 * tokens and gets them all back at the end of each window; its cache entry expires one window after it
 * was last changed, when it would be full again anyway. Keys are SHA-256 digests, so the grid never holds
 * an e-mail address or a client address in clear.
 */
@ApplicationScoped
public class Throttle {

    static final String CACHE = "resetflow-throttle";

    /** The server's JCache (Payara: the data grid); deployment fails without one, rather than count per node. */
    @Inject
    CacheManager cacheManager;

    @Inject
    Config config;

    private Duration window;
    private final Map<Limit, BucketConfiguration> buckets = new EnumMap<>(Limit.class);
    private ProxyManager<String> shared;

    @PostConstruct
    void configure() {
        window = Duration.ofMinutes(config.getValue("throttle.window-minutes", Long.class));
        for (Limit limit : Limit.values()) {
            int perWindow = config.getValue(limit.configKey(), Integer.class);
            if (perWindow > 0) {
                buckets.put(limit, BucketConfiguration.builder()
                        .addLimit(Bandwidth.builder().capacity(perWindow).refillIntervally(perWindow, window).build())
                        .build());
            }
        }
        shared = sharedBuckets();
    }

    private ProxyManager<String> sharedBuckets() {
        Cache<String, byte[]> cache = cacheManager.getCache(CACHE, String.class, byte[].class);
        if (cache == null) {
            cache = cacheManager.createCache(CACHE, new MutableConfiguration<String, byte[]>()
                    .setTypes(String.class, byte[].class)
                    .setStoreByValue(true)
                    .setExpiryPolicyFactory(ModifiedExpiryPolicy.factoryOf(new javax.cache.expiry.Duration(
                            java.util.concurrent.TimeUnit.SECONDS, window.toSeconds()))));
        }
        return Bucket4jJCache.entryProcessorBasedBuilder(cache).build();
    }

    /** Takes one token; false when the limit is reached (the attempt must not go ahead). */
    public boolean tryAcquire(Limit limit, String subject) {
        Bucket bucket = bucket(limit, subject);
        return bucket == null || bucket.tryConsume(1);
    }

    /** Whether the limit is reached, without taking a token (for limits that count failures only). */
    public boolean isExhausted(Limit limit, String subject) {
        Bucket bucket = bucket(limit, subject);
        return bucket != null && bucket.getAvailableTokens() <= 0;
    }

    /** Counts one failure against the limit. */
    public void recordFailure(Limit limit, String subject) {
        Bucket bucket = bucket(limit, subject);
        if (bucket != null) {
            bucket.tryConsume(1);
        }
    }

    private Bucket bucket(Limit limit, String subject) {
        BucketConfiguration configuration = buckets.get(limit);
        if (configuration == null) {
            return null;
        }
        String key = limit.name() + ":" + digest(subject == null ? "" : subject);
        return shared.builder().build(key, () -> configuration);
    }

    private static String digest(String subject) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(subject.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
