package io.resetflow.operations;

import io.resetflow.web.FilterProtection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only while the protective filters are in place and run ({@link FilterProtection}); DOWN says why on the operators' listener. */
@Readiness
@ApplicationScoped
public class ProtectionCheck implements HealthCheck {

    static final String NAME = "protection";

    @Inject
    FilterProtection protection;

    @Override
    public HealthCheckResponse call() {
        return protection.refusal()
                .map(why -> HealthCheckResponse.named(NAME).down().withData("refusal", why).build())
                .orElseGet(() -> HealthCheckResponse.named(NAME).up().build());
    }
}
