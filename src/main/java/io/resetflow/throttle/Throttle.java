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
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.expiry.ModifiedExpiryPolicy;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.Config;

/**
 * Rate limits as token buckets (Bucket4j) kept in the server's JCache, which on Payara is the Hazelcast
 * data grid: every node of a cluster counts against the same buckets. A bucket of N per window holds N
 * tokens and gets them all back at the end of each window; its cache entry expires one window after it
 * was last changed, when it would be full again anyway. Keys are HMAC-SHA256 digests under the deployment's
 * secret ({@code throttle.key}), so the grid holds no e-mail or client address, and whoever reads the grid
 * cannot test guesses against its keys: a plain digest of every IPv4 address takes minutes (README).
 */
@ApplicationScoped
public class Throttle {

    static final String CACHE = "resetflow-throttle";

    /** The server's JCache (Payara: the data grid); deployment fails without one, rather than count per node. */
    @Inject
    CacheManager cacheManager;

    @Inject
    Config config;

    private static final Logger LOG = Logger.getLogger(Throttle.class.getName());

    /** Shortest {@code throttle.key} accepted: 32 characters, about 190 bits as base64. */
    static final int KEY_MIN_LENGTH = 32;

    private Duration window;
    private SecretKeySpec keyingSecret;
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
        keyingSecret = new SecretKeySpec(keyingSecret(), "HmacSHA256");
        shared = sharedBuckets();
    }

    private byte[] keyingSecret() {
        Optional<String> configured = config.getOptionalValue("throttle.key", String.class);
        if (configured.isPresent()) {
            if (configured.get().length() < KEY_MIN_LENGTH) {
                throw new IllegalStateException("THROTTLE_KEY (throttle.key) is shorter than " + KEY_MIN_LENGTH
                        + " characters; use a random secret, e.g. the output of: openssl rand -base64 32");
            }
            return configured.get().getBytes(StandardCharsets.UTF_8);
        }
        LOG.warning("THROTTLE_KEY (throttle.key) is not set: this node keys its rate limits with a random secret of"
                + " its own, so nodes of a cluster would not count together. Set the same secret on every node.");
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        return random;
    }

    /** Whether the store the limits live in answers a read (the data grid when clustered). */
    public boolean answers() {
        Cache<String, byte[]> cache = cacheManager.getCache(CACHE, String.class, byte[].class);
        if (cache == null) {
            return false;
        }
        cache.containsKey("health-probe");
        return true;
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

    private String key(Limit limit, String subject) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(keyingSecret);
            byte[] digest = mac.doFinal((limit.name() + ":" + (subject == null ? "" : subject)).getBytes(StandardCharsets.UTF_8));
            return limit.name() + ":" + HexFormat.of().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Every Java runtime has HmacSHA256", e);
        }
    }
}
