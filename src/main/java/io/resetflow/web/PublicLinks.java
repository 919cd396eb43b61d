package io.resetflow.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Links the product mails. They are built from the configured public base URL only, never from the
 * request's Host or forwarding headers, so nobody can make us mail a link to their own server.
 */
@ApplicationScoped
public class PublicLinks {

    /** The query parameter that carries a link's secret. */
    public static final String SECRET_PARAMETER = "token";

    private final String base;

    @Inject
    public PublicLinks(@ConfigProperty(name = "app.base-url") String baseUrl) {
        String base = baseUrl.strip();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        this.base = base;
    }

    /** For the container's proxy only. */
    protected PublicLinks() {
        this.base = null;
    }

    /** The page at this path, e.g. "/sign-in". */
    public String to(String page) {
        return base + page;
    }

    /** The page at this path with a link secret. */
    public String to(String page, String secret) {
        return base + page + "?" + SECRET_PARAMETER + "=" + secret;
    }
}
