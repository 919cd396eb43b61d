package io.resetflow.passwordreset;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Configuration of the reset flow. Links are built from the configured public base URL only, never from
 * the request's Host or forwarding headers, so nobody can make us mail a link to their own server.
 */
@ApplicationScoped
public class PasswordResetSettings {

    static final String TOKEN_PARAMETER = "token";

    @Inject
    @ConfigProperty(name = "app.base-url")
    String baseUrl;

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

    String linkFor(String token) {
        return link(baseUrl, token);
    }

    static String link(String baseUrl, String token) {
        String base = baseUrl.strip();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return base + ResetPasswordBacking.PAGE + "?" + TOKEN_PARAMETER + "=" + token;
    }
}
