package io.resetflow.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Headers every response carries. Pages (everything but Faces resources) are never cached: they show
 * forms, account data or, on the reset pages, state derived from a secret link. No page leaks its URL
 * to another site through the Referer header. Applied by {@link SecurityHeadersFilter} to everything the
 * filters see, and by the sign-in mechanism to the redirect it answers before any filter runs.
 */
@ApplicationScoped
public class SecurityHeaders {

    public static final String RESOURCE_PREFIX = "/jakarta.faces.resource/";

    /**
     * Only our own origin, never in a frame. Inline scripts look allowed here, but PrimeFaces (primefaces.CSP)
     * sends a second policy, {@code script-src 'self' 'nonce-...'}, and a browser enforces both: only our
     * files and the scripts carrying that request's nonce run. Inline styles stay allowed for the widgets.
     */
    static final String POLICY = "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline';"
            + " img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none';"
            + " frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

    /**
     * Stylesheets, scripts and images served by Faces: public, cacheable, never account data. Decided on the
     * path the container mapped (decoded and normalised), never on the raw request URI, which "..", ";",
     * "%2e" and double slashes can make look like a resource while the container serves a page.
     */
    public static boolean isFacesResource(HttpServletRequest request) {
        return mappedPath(request).startsWith(RESOURCE_PREFIX);
    }

    /** The path within the application as the container resolved it: servlet path plus path info. */
    public static String mappedPath(HttpServletRequest request) {
        String pathInfo = request.getPathInfo();
        return request.getServletPath() + (pathInfo == null ? "" : pathInfo);
    }

    private final boolean https;
    private final Map<String, String> forPages;
    private final Map<String, String> forResources;

    @Inject
    public SecurityHeaders(@ConfigProperty(name = "app.base-url") String baseUrl) {
        this.https = isHttps(baseUrl);
        this.forResources = headers(https, false);
        this.forPages = headers(https, true);
    }

    /** Whether the product is served over https (its {@code app.base-url}): cookies are then {@code Secure}. */
    public boolean isHttps() {
        return https;
    }

    /** The headers of every page, in the order they are sent. */
    public Map<String, String> forPages() {
        return forPages;
    }

    /** Whether this base address is an https one. */
    public static boolean isHttps(String baseUrl) {
        return baseUrl.strip().toLowerCase(Locale.ROOT).startsWith("https://");
    }

    /** For the container's proxy only. */
    protected SecurityHeaders() {
        this.https = false;
        this.forResources = Map.of();
        this.forPages = Map.of();
    }

    public void apply(HttpServletRequest request, HttpServletResponse response) {
        (isFacesResource(request) ? forResources : forPages).forEach(response::setHeader);
    }

    private static Map<String, String> headers(boolean https, boolean page) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Referrer-Policy", "no-referrer");
        headers.put("X-Content-Type-Options", "nosniff");
        headers.put("X-Frame-Options", "DENY");
        headers.put("Content-Security-Policy", POLICY);
        if (https) {
            // Served over HTTPS (behind a proxy that terminates TLS, typically): browsers never try plain HTTP again.
            headers.put("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
        }
        if (page) {
            headers.put("Cache-Control", "no-store");
            headers.put("Pragma", "no-cache");
        }
        return Collections.unmodifiableMap(headers);
    }
}
