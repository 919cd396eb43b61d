package io.resetflow.web;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The language switcher, which needs no script: a link {@code ?lang=de} on a GET keeps the choice in a cookie
 * for a year and sends the browser back (303) to the same page without that parameter (any other stays).
 * The cookie is {@code Secure} when the product is served over https, the same rule as the session cookie's.
 * Anything else passes.
 */
public class LanguageFilter extends HttpFilter {

    private static final int ONE_YEAR = (int) Duration.ofDays(365).toSeconds();

    @Inject
    SecurityHeaders securityHeaders;

    /** The query string less every {@code lang} parameter, with its "?", or "" when nothing is left. */
    static String otherParameters(String query) {
        if (query == null) {
            return "";
        }
        String others = Arrays.stream(query.split("&"))
                .filter(p -> !p.equals(Languages.PARAMETER) && !p.startsWith(Languages.PARAMETER + "="))
                .collect(Collectors.joining("&"));
        return others.isEmpty() ? "" : "?" + others;
    }

    /**
     * The path to send the browser back to: the request's own, with one leading slash. A path that starts with
     * two ({@code //evil.example}) would be read by the browser as another host.
     */
    static String samePath(String requestUri) {
        return "/" + requestUri.replaceFirst("^[/\\\\]+", "");
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        Optional<Locale> choice = "GET".equals(request.getMethod())
                ? Languages.supported(request.getParameter(Languages.PARAMETER)) : Optional.empty();
        if (choice.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        Cookie cookie = new Cookie(Languages.COOKIE, choice.get().getLanguage());
        cookie.setPath(request.getContextPath().isEmpty() ? "/" : request.getContextPath());
        cookie.setMaxAge(ONE_YEAR);
        cookie.setHttpOnly(true);
        cookie.setSecure(securityHeaders.isHttps());
        cookie.setAttribute("SameSite", "Lax");
        response.addCookie(cookie);
        response.setStatus(HttpServletResponse.SC_SEE_OTHER);
        response.setHeader("Location", samePath(request.getRequestURI()) + otherParameters(request.getQueryString()));
        response.setHeader("Cache-Control", "no-store");
    }
}
