package io.resetflow.auth;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContext;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.expiry.Duration;

/**
 * Sign-ins that were signed out, known to every node. Where sessions live in the data grid, a node keeps its own
 * copy of each session it served, and Payara removes an invalidated session from the grid and from the node that
 * invalidated it only: another node would go on serving its copy, signed in, to whoever still holds the old cookie.
 * So a sign-out also records its sign-in here, in the server's JCache (the data grid when clustered), and a request
 * of a session whose sign-in is recorded is treated as signed out ({@link SessionVersionFilter}). An entry outlives
 * every copy: a copy not used since the sign-out idles out within the session timeout, and one that is used meets
 * the entry and ends; five minutes more cover the container's sweep of idle sessions.
 */
@ApplicationScoped
public class EndedSignIns {

    static final String CACHE = "resetflow-ended-sign-ins";

    @Inject
    CacheManager cacheManager;

    @Inject
    ServletContext servletContext;

    private Cache<String, Boolean> ended;

    @PostConstruct
    void open() {
        Cache<String, Boolean> cache = cacheManager.getCache(CACHE, String.class, Boolean.class);
        if (cache == null) {
            long minutes = Math.max(1, servletContext.getSessionTimeout()) + 5;
            cache = cacheManager.createCache(CACHE, new MutableConfiguration<String, Boolean>()
                    .setTypes(String.class, Boolean.class)
                    .setStoreByValue(true)
                    .setExpiryPolicyFactory(CreatedExpiryPolicy.factoryOf(new Duration(TimeUnit.MINUTES, minutes))));
        }
        ended = cache;
    }

    /** Records that this sign-in is over, on every node. */
    void end(String signInId) {
        if (signInId != null) {
            ended.put(signInId, Boolean.TRUE);
        }
    }

    /**
     * Whether this sign-in was signed out. A sign-in without an id was made by a release before these records (a
     * session a rolling upgrade kept in the grid): nothing could record its sign-out, so it counts as ended.
     */
    boolean isEnded(String signInId) {
        return signInId == null || ended.containsKey(signInId);
    }
}
