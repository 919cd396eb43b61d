package io.resetflow.throttle;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.grid.jcache.Bucket4jJCache;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
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

    private static final Logger LOG = Logger.getLogger(Throttle.class.getName());

    static final String CACHE = "resetflow-throttle";

    @Inject
    Instance<CacheManager> cacheManagers;

    @Inject
    Config config;

    private Duration window;
    private final Map<Limit, BucketConfiguration> buckets = new EnumMap<>(Limit.class);
    private ProxyManager<String> shared;
    private final Map<String, Bucket> local = new ConcurrentHashMap<>();

    @PostConstruct
    void configure() {
        window = Duration.ofMinutes(config.getOptionalValue("throttle.window-minutes", Long.class).orElse(15L));
        for (Limit limit : Limit.values()) {
            int perWindow = config.getOptionalValue(limit.configKey(), Integer.class).orElse(limit.defaultPerWindow());
            if (perWindow > 0) {
                buckets.put(limit, BucketConfiguration.builder()
                        .addLimit(Bandwidth.builder().capacity(perWindow).refillIntervally(perWindow, window).build())
                        .build());
            }
        }
        shared = sharedBuckets();
    }

    private ProxyManager<String> sharedBuckets() {
        if (!cacheManagers.isResolvable()) {
            LOG.warning("No JCache on this server: rate limits are counted on this node only");
            return null;
        }
        CacheManager manager = cacheManagers.get();
        Cache<String, byte[]> cache = manager.getCache(CACHE, String.class, byte[].class);
        if (cache == null) {
            cache = manager.createCache(CACHE, new MutableConfiguration<String, byte[]>()
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
        return shared != null
                ? shared.builder().build(key, () -> configuration)
                : local.computeIfAbsent(key, k -> Bucket.builder().addLimit(configuration.getBandwidths()[0]).build());
    }

    private static String digest(String subject) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(subject.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
