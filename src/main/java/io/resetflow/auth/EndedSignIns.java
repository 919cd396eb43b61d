package io.resetflow.auth;

import io.resetflow.payara.GridSignOuts;
import io.resetflow.throttle.Throttle;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContext;
import java.time.Duration;
import java.util.function.BiFunction;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Sign-ins that were signed out, known to every node. Where sessions live in the data grid, a node keeps its own
 * copy of each session it served, and Payara removes an invalidated session from the grid and from the node that
 * invalidated it only: another node would go on serving its copy, signed in, to whoever still holds the old cookie.
 * So a sign-out also records its sign-in here, and a request of a session whose sign-in is recorded is treated as
 * signed out ({@link SessionVersionFilter}). The records live where the rate limits do ({@code throttle.store}): in
 * the data grid every node shares ({@code grid}, Payara's), or in this node's memory for a node that serves alone
 * ({@code node}). A record outlives every copy: a copy not used since the sign-out idles out within the session
 * timeout, and one that is used meets the record and ends; five minutes more cover the container's sweep of idle
 * sessions.
 */
@ApplicationScoped
public class EndedSignIns {

    static final String CACHE = "resetflow-ended-sign-ins";

    @Inject
    ServletContext servletContext;

    @Inject
    @ConfigProperty(name = "throttle.store")
    String where;

    /** Opens the grid's records: Payara's data grid. A lambda, so that no other server loads the adapter's class. */
    BiFunction<String, Duration, SignOutStore> openGrid = (cache, lifetime) -> GridSignOuts.open(cache, lifetime);

    private SignOutStore ended;

    @PostConstruct
    void open() {
        Duration lifetime = Duration.ofMinutes(Math.max(1, servletContext.getSessionTimeout()) + 5L);
        // Where the rate limits are: Throttle refuses the grid at start on a server that has none.
        ended = Throttle.GRID.equals(where) ? openGrid.apply(CACHE, lifetime) : new NodeSignOuts(lifetime, System::nanoTime);
    }

    /** Records that this sign-in is over, on every node. */
    void end(String signInId) {
        if (signInId != null) {
            ended.add(signInId);
        }
    }

    /**
     * Whether this sign-in was signed out. A sign-in without an id was made by a release before these records (a
     * session a rolling upgrade kept in the grid): nothing could record its sign-out, so it counts as ended.
     */
    boolean isEnded(String signInId) {
        return signInId == null || ended.contains(signInId);
    }
}
