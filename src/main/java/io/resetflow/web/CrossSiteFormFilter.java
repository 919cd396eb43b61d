package io.resetflow.web;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The defence against cross-site request forgery that needs no session: a form post is served only when the
 * browser says it comes from one of our own pages. Pages of visitors who are not signed in keep no state on
 * the server ({@link StatelessViews}), so the session-bound view state cannot be what stops another site's form;
 * this filter guards every post, signed in or not. The browser's own word decides:
 * <ol>
 * <li>{@code Sec-Fetch-Site} (Fetch Metadata, every current browser): {@code same-origin} or {@code none} (typed
 * or bookmarked) passes; {@code same-site} and {@code cross-site} are refused, so a sibling subdomain cannot post
 * either.</li>
 * <li>Without it, {@code Origin} (sent with every cross-origin post by browsers for a decade): it must be the
 * product's public origin ({@code app.base-url}) or the origin of the host the request was sent to.</li>
 * <li>Without both, the request did not come from a browser page, and nobody's cookies or trust ride on it: it is
 * served like any other client's.</li>
 * </ol>
 * A refused post changes nothing and gets a calm 403 page that says what to do.
 */
public class CrossSiteFormFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;

    static final String CROSS_SITE_PAGE = "/WEB-INF/errorpages/cross-site.xhtml";

    private final String productOrigin;

    @Inject
    public CrossSiteFormFilter(@ConfigProperty(name = "app.base-url") String baseUrl) {
        this.productOrigin = origin(URI.create(baseUrl.strip()));
    }

    /** For the container only. */
    protected CrossSiteFormFilter() {
        this.productOrigin = null;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        FilterProtection.ran(request, getFilterName());
        if ("POST".equals(request.getMethod()) && !fromOurPage(request)) {
            BadRequestFilter.render(request, response, HttpServletResponse.SC_FORBIDDEN, CROSS_SITE_PAGE);
            return;
        }
        chain.doFilter(request, response);
    }

    private boolean fromOurPage(HttpServletRequest request) {
        return fromOurPage(request.getHeader("Sec-Fetch-Site"), request.getHeader("Origin"), productOrigin,
                requestedOrigin(request.getScheme(), request.getHeader("Host")));
    }

    /**
     * The rule, on what the browser sent ({@code Sec-Fetch-Site}, {@code Origin}; either may be null), the product's
     * origin and the origin the request was addressed to.
     */
    static boolean fromOurPage(String fetchSite, String origin, String productOrigin, String requestedOrigin) {
        if (fetchSite != null) {
            return fetchSite.equals("same-origin") || fetchSite.equals("none");
        }
        if (origin == null) {
            return true;
        }
        String sent = origin.strip().toLowerCase(Locale.ROOT);
        return sent.equals(productOrigin) || sent.equals(requestedOrigin);
    }

    /** The origin the browser addressed: the scheme this request came in with and its Host header; null if unusable. */
    static String requestedOrigin(String scheme, String host) {
        if (host == null || host.isBlank()) {
            return null;
        }
        try {
            return origin(new URI(scheme + "://" + host.strip()));
        } catch (URISyntaxException e) {
            return null;
        }
    }

    /** scheme://host[:port] in lower case, the port left out where it is the scheme's default, as browsers send it. */
    static String origin(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        boolean defaultPort = port == -1 || ("http".equals(scheme) && port == 80) || ("https".equals(scheme) && port == 443);
        return scheme + "://" + host + (defaultPort ? "" : ":" + port);
    }
}
