package io.resetflow.operations;

import io.resetflow.mail.OutboxDispatcher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Alive while this node's outbox claimer runs. Nothing outside the node (the database, the mail server) takes
 * part: a restart would not mend those, so they are readiness, not liveness.
 */
@Liveness
@ApplicationScoped
public class DispatcherLiveness implements HealthCheck {

    static final String NAME = "mail-dispatcher";

    @Inject
    OutboxDispatcher dispatcher;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named(NAME).status(dispatcher.isAlive()).build();
    }
}
