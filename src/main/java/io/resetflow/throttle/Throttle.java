package io.resetflow.throttle;

import io.resetflow.background.ApplicationStart;
import io.resetflow.background.RepeatingTasks;
import io.resetflow.payara.GridBuckets;
import io.resetflow.payara.Payara;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.logging.Logger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.Config;

/**
 * Rate limits as token buckets. A bucket of N per window holds N tokens and gets them all back at the end of each
 * window. {@code throttle.store} says where the buckets live: {@code grid}, the server's JCache (Bucket4j's buckets),
 * which on Payara is the Hazelcast data grid, so that every node of a cluster counts against the same buckets;
 * {@code database}, the product's own database ({@link DatabaseBuckets}), which every node shares on any server;
 * or {@code node}, this node's memory, for a node that serves alone (the start script's choice when it starts no
 * cluster), where an attempt costs neither a data-grid operation nor a statement. Keys are HMAC-SHA256 digests under
 * the deployment's secret ({@code throttle.key}), so no store holds an e-mail or client address, and whoever reads
 * the grid or the table cannot test guesses against its keys: a plain digest of every IPv4 address takes minutes
 * (docs/operations.md).
 */
@ApplicationScoped
public class Throttle {

    /** The values of {@code throttle.store}. */
    public static final String GRID = "grid";
    public static final String DATABASE = "database";
    static final String NODE = "node";

    /** How often a node store forgets the buckets that are full again. */
    private static final Duration DROP_IDLE_EVERY = Duration.ofMinutes(1);

    /**
     * Opens the grid store: Payara's data grid ({@link GridBuckets}). A lambda, so that no other server loads a class of
     * the adapter's; tests give another grid.
     */
    BiFunction<Map<Limit, Integer>, Duration, BucketStore> openGrid = (capacities, window) -> GridBuckets.open(capacities, window);

    @Inject
    Config config;

    @Inject
    RepeatingTasks tasks;

    @Inject
    DatabaseBuckets databaseBuckets;

    private static final Logger LOG = Logger.getLogger(Throttle.class.getName());

    /** Shortest {@code throttle.key} accepted: 32 characters, about 190 bits as base64. */
    static final int KEY_MIN_LENGTH = 32;

    private Duration window;
    private SecretKeySpec keyingSecret;
    /** The limits that are switched on, with their tokens per window. */
    private final Map<Limit, Integer> capacities = new EnumMap<>(Limit.class);
    private BucketStore store;

    @PostConstruct
    void configure() {
        window = window(config);
        capacities.putAll(capacities(config));
        String where = config.getValue("throttle.store", String.class);
        keyingSecret = new SecretKeySpec(keyingSecret(!NODE.equals(where)), "HmacSHA256");
        store = switch (where) {
            case GRID -> {
                if (!Payara.isPresent()) {
                    throw new IllegalStateException("THROTTLE_STORE (throttle.store) is '" + GRID + "', Payara's data grid, and"
                            + " this server is not Payara; set it to '" + DATABASE + "' for a cluster or '" + NODE
                            + "' for a node that serves alone");
                }
                yield openGrid.apply(capacities, window);
            }
            case DATABASE -> databaseBuckets;
            case NODE -> new NodeBuckets(capacities, window, System::nanoTime);
            default -> throw new IllegalStateException("THROTTLE_STORE (throttle.store) is '" + where + "'; it must be '"
                    + GRID + "' (Payara's data grid, shared by a cluster), '" + DATABASE + "' (the product's database, shared"
                    + " by a cluster on any server) or '" + NODE + "' (this node's memory, a node that serves alone)");
        };
        String place = switch (where) {
            case GRID -> "the data grid";
            case DATABASE -> "the database";
            default -> "this node's memory";
        };
        LOG.info(() -> "Rate limits: counted in " + place + " (throttle.store=" + where + ")");
    }

    void start(@Observes ApplicationStart.Started applicationStarted) {
        if (store instanceof NodeBuckets node) {
            tasks.every(DROP_IDLE_EVERY, "Rate limit clean-up", node::dropIdle);
        }
    }

    /** How long a window lasts ({@code throttle.window-minutes}). */
    static Duration window(Config config) {
        return Duration.ofMinutes(config.getValue("throttle.window-minutes", Long.class));
    }

    /** The limits that are switched on, with their tokens per window ({@code throttle.<key>}; 0 is off). */
    static Map<Limit, Integer> capacities(Config config) {
        Map<Limit, Integer> capacities = new EnumMap<>(Limit.class);
        for (Limit limit : Limit.values()) {
            int perWindow = config.getValue(limit.configKey(), Integer.class);
            if (perWindow > 0) {
                capacities.put(limit, perWindow);
            }
        }
        return capacities;
    }

    /** The configured secret, or a random one of this node's: a shared store is the only place where that would matter. */
    private byte[] keyingSecret(boolean shared) {
        Optional<String> configured = config.getOptionalValue("throttle.key", String.class);
        if (configured.isPresent()) {
            if (configured.get().length() < KEY_MIN_LENGTH) {
                throw new IllegalStateException("THROTTLE_KEY (throttle.key) is shorter than " + KEY_MIN_LENGTH
                        + " characters; use a random secret, e.g. the output of: openssl rand -base64 32");
            }
            return configured.get().getBytes(StandardCharsets.UTF_8);
        }
        if (shared) {
            LOG.warning("THROTTLE_KEY (throttle.key) is not set: this node keys its rate limits with a random secret of"
                    + " its own, so nodes of a cluster would not count together. Set the same secret on every node.");
        }
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        return random;
    }

    /** Whether the store the limits live in answers a read (the data grid, the database, or this node's memory). */
    public boolean answers() {
        return store.answers();
    }

    /** Takes one token; false when the limit is reached (the attempt must not go ahead). */
    public boolean tryAcquire(Limit limit, String subject) {
        return !capacities.containsKey(limit) || store.take(limit, key(limit, subject));
    }

    /**
     * Takes one token from each of these limits before the attempt they guard, all or none: empty (and
     * nothing taken) when any of them is reached. Taking first is what keeps a burst of parallel attempts
     * from all passing a check that counted only finished ones. An attempt that turns out not to count (a
     * success, where only failures are limited) gives its tokens back with {@link Permit#refund()}.
     */
    public Optional<Permit> tryAcquire(Map<Limit, String> subjects) {
        Permit taken = new Permit();
        for (Map.Entry<Limit, String> entry : subjects.entrySet()) {
            Limit limit = entry.getKey();
            if (!capacities.containsKey(limit)) {
                continue;
            }
            byte[] key = key(limit, entry.getValue());
            if (!store.take(limit, key)) {
                taken.refund();
                return Optional.empty();
            }
            taken.add(limit, key);
        }
        return Optional.of(taken);
    }

    /**
     * A request's places in its limit per client and its limit per account, each taken whether or not the other
     * was, so that a request over one limit still counts against the other.
     */
    public RequestPlaces takeRequestPlaces(Limit perClient, String client, Limit perAccount, String account) {
        Optional<Permit> clientPlace = tryAcquire(Map.of(perClient, client));
        try {
            return new RequestPlaces(clientPlace, tryAcquire(Map.of(perAccount, account)));
        } catch (StoreUnavailableException e) {
            try {
                clientPlace.ifPresent(Permit::refund);
            } catch (StoreUnavailableException stillUnavailable) {
                e.addSuppressed(stillUnavailable);
            }
            throw e;
        }
    }

    /**
     * The store of the limits did not answer (the database, when they are counted there): the attempt is neither
     * allowed nor refused, and whoever asked must treat it as not made.
     */
    public static final class StoreUnavailableException extends RuntimeException {

        public StoreUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** What {@link #takeRequestPlaces} took: a permit per limit, empty where the limit was reached. */
    public record RequestPlaces(Optional<Permit> client, Optional<Permit> account) {

        /** The limit that refused the request, {@code client} before {@code account}; empty when both granted it. */
        public Optional<String> refusedBy() {
            return client.isEmpty() ? Optional.of("client") : account.isEmpty() ? Optional.of("account") : Optional.empty();
        }

        /** Gives back every place taken, for a request that did not happen after all. */
        public void giveBack() {
            client.ifPresent(Permit::refund);
            account.ifPresent(Permit::refund);
        }
    }

    /** Lifts the limit for this subject completely, as if nothing had been counted. */
    public void lift(Limit limit, String subject) {
        if (capacities.containsKey(limit)) {
            store.forget(limit, key(limit, subject));
        }
    }

    /** The tokens one attempt took, to give back when it does not count. */
    public final class Permit {

        private final Map<Limit, byte[]> taken = new EnumMap<>(Limit.class);

        private Permit() {
        }

        private void add(Limit limit, byte[] key) {
            taken.put(limit, key);
        }

        public void refund() {
            taken.forEach((limit, key) -> store.giveBack(limit, key));
        }
    }

    /** The bucket's key: the HMAC-SHA256 of the limit and the subject under the deployment's secret. */
    private byte[] key(Limit limit, String subject) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(keyingSecret);
            return mac.doFinal((limit.name() + ":" + (subject == null ? "" : subject)).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Every Java runtime has HmacSHA256", e);
        }
    }
}
