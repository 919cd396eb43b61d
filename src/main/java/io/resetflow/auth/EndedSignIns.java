package io.resetflow.auth;

import io.resetflow.payara.GridSignOuts;
import io.resetflow.throttle.Throttle;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
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
 * Payara's data grid ({@code grid}) or the product's database ({@code database}, {@link DatabaseSignOuts}), which
 * every node shares, or in this node's memory for a node that serves alone ({@code node}). A record outlives every copy: a copy not used since the sign-out idles out within the session
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

    @Inject
    Instance<DatabaseSignOuts> database;

    /** Opens the grid's records: Payara's data grid. A lambda, so that no other server loads the adapter's class. */
    BiFunction<String, Duration, SignOutStore> openGrid = (cache, lifetime) -> GridSignOuts.open(cache, lifetime);

    private SignOutStore ended;

    @PostConstruct
    void open() {
        Duration lifetime = lifetime(servletContext);
        // Where the rate limits are: Throttle refuses the grid at start on a server that has none, and any other value.
        ended = switch (where) {
            case Throttle.GRID -> openGrid.apply(CACHE, lifetime);
            case Throttle.DATABASE -> database.get();
            default -> new NodeSignOuts(lifetime, System::nanoTime);
        };
    }

    /** How long a record is kept: the session timeout, and five minutes for the container's sweep of idle sessions. */
    static Duration lifetime(ServletContext servletContext) {
        return Duration.ofMinutes(Math.max(1, servletContext.getSessionTimeout()) + 5L);
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
