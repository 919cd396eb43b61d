package io.resetflow.throttle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.resetflow.payara.GridBuckets;
import io.resetflow.testing.LogCapture;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.processor.EntryProcessor;
import javax.cache.processor.MutableEntry;
import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;

/**
 * What the data grid learns from the limits' keys. Whoever can read the grid sees every key; a key must not
 * give away the address it counts for. The grid here is a map that records the keys it is asked for.
 */
class ThrottleTest {

    private static final String SUBJECT = "192.0.2.44";

    @Test
    void gridKeysAreKeyedDigestsNotPlainDigestsOfTheAddress() throws Exception {
        String plain = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(SUBJECT.getBytes(StandardCharsets.UTF_8)));

        String first = keyFor(SUBJECT, "one deployment's secret, long enough to be a real one");
        String second = keyFor(SUBJECT, "another deployment's secret, just as long as the first");

        assertThat(first).as("a key anyone can compute from the address").doesNotContain(plain);
        assertThat(first).as("keys differ between deployments").isNotEqualTo(second);
        assertThat(keyFor(SUBJECT, "one deployment's secret, long enough to be a real one")).as("stable").isEqualTo(first);
    }

    @Test
    void aNodeThatServesAloneCountsInItsOwnMemoryWithoutTheGrid() {
        Throttle throttle = new Throttle();
        throttle.config = config(Map.of("throttle.store", Throttle.NODE, "throttle.window-minutes", 15L,
                "throttle.key", "one deployment's secret, long enough to be a real one"), 2);
        throttle.openGrid = (capacities, window) -> {
            throw new AssertionError("the grid was opened");
        };
        throttle.configure();

        assertThat(throttle.tryAcquire(Limit.RESET_REQUEST_PER_CLIENT, SUBJECT)).isTrue();
        assertThat(throttle.tryAcquire(Limit.RESET_REQUEST_PER_CLIENT, SUBJECT)).isTrue();
        assertThat(throttle.tryAcquire(Limit.RESET_REQUEST_PER_CLIENT, SUBJECT)).as("third of 2 per window").isFalse();
        assertThat(throttle.tryAcquire(Limit.RESET_REQUEST_PER_CLIENT, "192.0.2.45")).as("another subject").isTrue();
        assertThat(throttle.tryAcquire(Limit.RESET_ATTEMPT_PER_CLIENT, SUBJECT)).as("another limit").isTrue();

        // All or none: a permit over one limit takes nothing from the other.
        assertThat(throttle.tryAcquire(Map.of(Limit.SIGN_IN_PER_ACCOUNT, "a", Limit.SIGN_IN_PER_CLIENT, SUBJECT))).isPresent();
        assertThat(throttle.tryAcquire(Map.of(Limit.SIGN_IN_PER_ACCOUNT, "a", Limit.SIGN_IN_PER_CLIENT, SUBJECT))).isPresent();
        assertThat(throttle.tryAcquire(Map.of(Limit.SIGN_IN_PER_ACCOUNT, "b"))).isPresent();
        assertThat(throttle.tryAcquire(Map.of(Limit.SIGN_IN_PER_ACCOUNT, "b", Limit.SIGN_IN_PER_CLIENT, SUBJECT))).isEmpty();
        assertThat(throttle.tryAcquire(Map.of(Limit.SIGN_IN_PER_ACCOUNT, "b"))).as("the refused attempt gave its token back").isPresent();

        // A refund gives the place back; lifting forgets the count.
        Throttle.Permit permit = throttle.tryAcquire(Map.of(Limit.REGISTRATION_REQUEST_PER_CLIENT, SUBJECT)).orElseThrow();
        throttle.tryAcquire(Map.of(Limit.REGISTRATION_REQUEST_PER_CLIENT, SUBJECT)).orElseThrow();
        permit.refund();
        assertThat(throttle.tryAcquire(Map.of(Limit.REGISTRATION_REQUEST_PER_CLIENT, SUBJECT))).isPresent();
        assertThat(throttle.tryAcquire(Map.of(Limit.REGISTRATION_REQUEST_PER_CLIENT, SUBJECT))).isEmpty();
        throttle.lift(Limit.REGISTRATION_REQUEST_PER_CLIENT, SUBJECT);
        assertThat(throttle.tryAcquire(Map.of(Limit.REGISTRATION_REQUEST_PER_CLIENT, SUBJECT))).isPresent();

        assertThat(throttle.answers()).isTrue();
    }

    @Test
    void anUnknownStoreStopsTheDeploymentWithTheSettingsName() {
        Throttle throttle = new Throttle();
        throttle.config = config(Map.of("throttle.store", "memory", "throttle.window-minutes", 15L,
                "throttle.key", "one deployment's secret, long enough to be a real one"), 2);
        assertThatThrownBy(throttle::configure).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("THROTTLE_STORE").hasMessageContaining("'memory'")
                .hasMessageContaining("'grid'").hasMessageContaining("'database'").hasMessageContaining("'node'");
    }

    @Test
    void aMissingSecretIsWarnedAboutOnlyWhereAStoreIsShared() {
        try (LogCapture log = LogCapture.warningsOf(Throttle.class)) {
            Throttle alone = new Throttle();
            alone.config = config(Map.of("throttle.store", Throttle.NODE, "throttle.window-minutes", 15L), 5);
            alone.configure();
            assertThat(log.warnings()).as("a node that serves alone needs no shared secret").isEmpty();

            Throttle clustered = new Throttle();
            clustered.config = config(Map.of("throttle.store", Throttle.GRID, "throttle.window-minutes", 15L), 5);
            clustered.openGrid = (capacities, window) -> new GridBuckets(gridRecording(new ArrayList<>()), capacities, window);
            clustered.configure();
            assertThat(log.warnings()).singleElement().asString().contains("THROTTLE_KEY");

            Throttle inTheDatabase = new Throttle();
            inTheDatabase.config = config(Map.of("throttle.store", Throttle.DATABASE, "throttle.window-minutes", 15L), 5);
            inTheDatabase.databaseBuckets = new DatabaseBuckets();
            inTheDatabase.configure();
            assertThat(log.warnings()).as("nodes that count in one database").hasSize(2).last().asString().contains("THROTTLE_KEY");
        }
    }

    @Test
    void aRequestWhoseStoreDoesNotAnswerKeepsNoPlace() {
        List<Limit> givenBack = new ArrayList<>();
        Throttle throttle = new Throttle();
        throttle.config = config(Map.of("throttle.store", Throttle.DATABASE, "throttle.window-minutes", 15L,
                "throttle.key", "one deployment's secret, long enough to be a real one"), 5);
        throttle.databaseBuckets = new DatabaseBuckets() {
            @Override
            public boolean take(Limit limit, byte[] key) {
                if (limit == Limit.RESET_REQUEST_PER_ACCOUNT) {
                    throw new Throttle.StoreUnavailableException("the database is down", null);
                }
                return true;
            }

            @Override
            public void giveBack(Limit limit, byte[] key) {
                givenBack.add(limit);
            }
        };
        throttle.configure();

        assertThatThrownBy(() -> throttle.takeRequestPlaces(Limit.RESET_REQUEST_PER_CLIENT, "192.0.2.1",
                Limit.RESET_REQUEST_PER_ACCOUNT, "someone@example.org")).isInstanceOf(Throttle.StoreUnavailableException.class);
        assertThat(givenBack).as("the place taken in the client's limit, given back").containsExactly(Limit.RESET_REQUEST_PER_CLIENT);
    }

    /** The grid key that counting one attempt for this subject uses. */
    private static String keyFor(String subject, String secret) {
        List<Object> keys = new ArrayList<>();
        Throttle throttle = new Throttle();
        throttle.config = config(Map.of("throttle.store", Throttle.GRID, "throttle.window-minutes", 15L, "throttle.key", secret), 5);
        throttle.openGrid = (capacities, window) -> new GridBuckets(gridRecording(keys), capacities, window);
        throttle.configure();
        throttle.tryAcquire(Limit.RESET_REQUEST_PER_CLIENT, subject);
        assertThat(keys).isNotEmpty().allMatch(keys.get(0)::equals);
        return (String) keys.get(0);
    }

    private static Config config(Map<String, Object> values, int everyLimit) {
        return (Config) Proxy.newProxyInstance(ThrottleTest.class.getClassLoader(), new Class<?>[] {Config.class},
                (proxy, method, args) -> {
                    Object value = values.containsKey((String) args[0]) ? values.get(args[0])
                            : isLimit((String) args[0]) ? (Object) everyLimit : null;
                    return switch (method.getName()) {
                        case "getValue" -> value;
                        case "getOptionalValue" -> Optional.ofNullable(value);
                        default -> throw new UnsupportedOperationException(method.getName());
                    };
                });
    }

    private static boolean isLimit(String key) {
        return Arrays.stream(Limit.values()).anyMatch(limit -> limit.configKey().equals(key));
    }

    @SuppressWarnings("unchecked")
    private static CacheManager gridRecording(List<Object> keys) {
        Map<Object, Object> stored = new HashMap<>();
        CacheManager[] manager = new CacheManager[1];
        Cache<Object, Object> cache = (Cache<Object, Object>) Proxy.newProxyInstance(ThrottleTest.class.getClassLoader(),
                new Class<?>[] {Cache.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getCacheManager")) {
                        return manager[0];
                    }
                    if (!method.getName().equals("invoke")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    Object key = args[0];
                    keys.add(key);
                    MutableEntry<Object, Object> entry = (MutableEntry<Object, Object>) Proxy.newProxyInstance(
                            ThrottleTest.class.getClassLoader(), new Class<?>[] {MutableEntry.class}, (p, m, a) -> switch (m.getName()) {
                                case "getKey" -> key;
                                case "getValue" -> stored.get(key);
                                case "exists" -> stored.containsKey(key);
                                case "setValue" -> stored.put(key, a[0]) == null ? null : null;
                                case "remove" -> stored.remove(key) == null ? null : null;
                                default -> throw new UnsupportedOperationException(m.getName());
                            });
                    return ((EntryProcessor<Object, Object, Object>) args[1]).process(entry, (Object[]) args[2]);
                });
        manager[0] = (CacheManager) Proxy.newProxyInstance(ThrottleTest.class.getClassLoader(), new Class<?>[] {CacheManager.class},
                (proxy, method, args) -> method.getName().equals("getCache") ? cache : null);
        return manager[0];
    }
}
