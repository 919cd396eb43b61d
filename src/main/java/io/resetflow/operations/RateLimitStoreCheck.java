package io.resetflow.operations;

import io.resetflow.throttle.Throttle;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready when the rate limits' store answers: the data grid when clustered, this node's cache otherwise. */
@Readiness
@ApplicationScoped
public class RateLimitStoreCheck implements HealthCheck {

    static final String NAME = "rate-limits";

    @Inject
    Throttle throttle;

    @Override
    public HealthCheckResponse call() {
        try {
            return HealthCheckResponse.named(NAME).status(throttle.answers()).build();
        } catch (RuntimeException e) {
            return HealthCheckResponse.named(NAME).down().withData("error", e.getClass().getSimpleName()).build();
        }
    }
}
