package io.resetflow.operations;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready while the oldest mail not yet sent is younger than {@code health.outbox.max-age-seconds}: older means
 * mail is not leaving (the mail server refuses it, or no node sends), and people wait for links.
 */
@Readiness
@ApplicationScoped
public class OutboxCheck implements HealthCheck {

    static final String NAME = "outbox";

    @Inject
    OutboxMonitor monitor;

    @Inject
    @ConfigProperty(name = "health.outbox.max-age-seconds")
    long maxAgeSeconds;

    @Override
    public HealthCheckResponse call() {
        boolean fresh = monitor.isRead() && monitor.oldestAgeSeconds() <= maxAgeSeconds;
        return HealthCheckResponse.named(NAME).status(fresh)
                .withData("unfinished", monitor.unfinished())
                .withData("oldest_age_seconds", monitor.oldestAgeSeconds())
                .build();
    }
}
