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
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

    /**
     * Takes one token from each of these limits before the attempt they guard, all or none: empty (and
     * nothing taken) when any of them is reached. Taking first is what keeps a burst of parallel attempts
     * from all passing a check that counted only finished ones. An attempt that turns out not to count (a
     * success, where only failures are limited) gives its tokens back with {@link Permit#refund()}.
     */
    public Optional<Permit> tryAcquire(Map<Limit, String> subjects) {
        List<Bucket> taken = new ArrayList<>();
        for (Map.Entry<Limit, String> entry : subjects.entrySet()) {
            Bucket bucket = bucket(entry.getKey(), entry.getValue());
            if (bucket == null) {
                continue;
            }
            if (!bucket.tryConsume(1)) {
                taken.forEach(b -> b.addTokens(1));
                return Optional.empty();
            }
            taken.add(bucket);
        }
        return Optional.of(new Permit(taken));
    }

    /** Lifts the limit for this subject completely, as if nothing had been counted. */
    public void lift(Limit limit, String subject) {
        if (buckets.containsKey(limit)) {
            shared.removeProxy(key(limit, subject));
        }
    }

    /** The tokens one attempt took, to give back when it does not count. */
    public static final class Permit {

        private final List<Bucket> taken;

        private Permit(List<Bucket> taken) {
            this.taken = taken;
        }

        public void refund() {
            taken.forEach(bucket -> bucket.addTokens(1));
        }
    }

    private Bucket bucket(Limit limit, String subject) {
        BucketConfiguration configuration = buckets.get(limit);
        if (configuration == null) {
            return null;
        }
        return shared.builder().build(key(limit, subject), () -> configuration);
    }

    private static String key(Limit limit, String subject) {
        return limit.name() + ":" + digest(subject == null ? "" : subject);
    }

    private static String digest(String subject) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(subject.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
