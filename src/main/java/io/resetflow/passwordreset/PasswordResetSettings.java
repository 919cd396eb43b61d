package io.resetflow.passwordreset;

import io.resetflow.web.PublicLinks;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Configuration of the reset flow: how long a link works, and the link itself (see {@link PublicLinks}). */
@ApplicationScoped
public class PasswordResetSettings {

    @Inject
    PublicLinks links;

    @Inject
    @ConfigProperty(name = "password-reset.token-lifetime-minutes")
    long tokenLifetimeMinutes;

    Duration tokenLifetime() {
        return Duration.ofMinutes(tokenLifetimeMinutes);
    }

    /** When a token issued at this instant stops working: it is usable while now is strictly before this. */
    Instant expiryFor(Instant issuedAt) {
        return issuedAt.plus(tokenLifetime());
    }

    String linkFor(String secret) {
        return links.to(ResetPasswordBacking.PAGE, secret);
    }
}
