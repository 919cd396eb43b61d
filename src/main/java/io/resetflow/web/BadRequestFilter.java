package io.resetflow.web;

import jakarta.faces.application.ProtectedViewException;
import jakarta.faces.application.ViewExpiredException;
import jakarta.faces.render.ResponseStateManager;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Arrays;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Answers requests the pages cannot serve with a calm 4xx page instead of a 500: a body over
 * {@value #BODY_MAX_BYTES} bytes gets 413; a request target longer than
 * {@value #REQUEST_TARGET_MAX_LENGTH} characters gets 414, header fields over {@value #HEADERS_MAX_LENGTH}
 * characters together or more than {@value #HEADERS_MAX_COUNT} of them get 431 (the listener itself takes up
 * to 64 KiB and 1000 fields, see http-listener.asadmin, so such requests reach this filter); methods other than GET,
 * HEAD and POST get 405; a form post with an expired or forged view state, a missing or wrong CSP nonce
 * (a post that did not come from our page) or a protected view without its token gets 400. The error
 * page is rendered as a fresh GET, so the rejected post's parameters cannot fail it a second time.
 * Everything else propagates to the 500 page.
 * <p>
 * Only a POST runs a form. Faces takes any request that carries a view state for a form's post, whatever its
 * method, so a link on another site could run one of our forms in a visitor's browser with a GET (sign the visitor
 * into an account of the sender's choosing, send mail, sign them out): a view state on any other method gets 400
 * here, before Faces sees the request. And a form posted without a server-side view state ({@code stateless})
 * is served only on the pages that serve visitors without a session ({@value #STATELESS_FORMS}, in web.xml);
 * every other page's form has a session whose view state guards it, and a stateless post to it gets the
 * expired page.
 */
public class BadRequestFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;

    /**
     * Request attribute the 400 page reads to explain an expired page rather than a bad request: the path of
     * the page that expired, built from the mapped servlet path (normalised by the container), for a link
     * that opens it again.
     */
    public static final String EXPIRED_PAGE = "io.resetflow.web.expired";

    static final String BAD_REQUEST_PAGE = "/WEB-INF/errorpages/400.xhtml";
    static final String METHOD_NOT_ALLOWED_PAGE = "/WEB-INF/errorpages/405.xhtml";
    static final String TOO_LARGE_PAGE = "/WEB-INF/errorpages/413.xhtml";
    static final String URI_TOO_LONG_PAGE = "/WEB-INF/errorpages/414.xhtml";
    static final String HEADERS_TOO_LARGE_PAGE = "/WEB-INF/errorpages/431.xhtml";

    /** Longest request target (path and query) served; no page needs more than a fraction of it. */
    static final int REQUEST_TARGET_MAX_LENGTH = 8 * 1024;

    /**
     * Largest request body served, far above any form's: the largest (a 100-character name and two passwords of
     * 256 characters, each character at most 9 bytes once percent-encoded, a name's code point at most 12) holds at
     * most 5,808 bytes of values;
     * nothing larger is parsed. A body of undeclared size (chunked) is refused too: browsers
     * always declare a form's size.
     */
    static final long BODY_MAX_BYTES = 64 * 1024;

    /** Most characters of header fields (names, values and separators) served, cookies included. */
    static final int HEADERS_MAX_LENGTH = 16 * 1024;

    /** Most header fields served: far above what a browser sends with a page request. */
    static final int HEADERS_MAX_COUNT = 100;

    /** The servlet API names no 431 (RFC 6585); 414 is {@link HttpServletResponse#SC_REQUEST_URI_TOO_LONG}. */
    public static final int HEADERS_TOO_LARGE = 431;
    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST");

    private static final String CSP_EXCEPTION = "org.primefaces.csp.CspException";

    /** Context parameter: the pages (paths without {@code .xhtml}) whose forms may be posted statelessly. */
    static final String STATELESS_FORMS = "io.resetflow.STATELESS_FORMS";
    private static final String XHTML = ".xhtml";

    private Set<String> statelessForms = Set.of();

    @Override
    public void init() {
        String pages = getServletContext().getInitParameter(STATELESS_FORMS);
        statelessForms = pages == null ? Set.of()
                : Arrays.stream(pages.split("\\s+")).filter(p -> !p.isEmpty()).collect(Collectors.toUnmodifiableSet());
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        FilterProtection.ran(request, getFilterName());
        if (requestTargetLength(request) > REQUEST_TARGET_MAX_LENGTH) {
            render(request, response, HttpServletResponse.SC_REQUEST_URI_TOO_LONG, URI_TOO_LONG_PAGE);
            return;
        }
        if (headersTooLarge(request)) {
            render(request, response, HEADERS_TOO_LARGE, HEADERS_TOO_LARGE_PAGE);
            return;
        }
        if (request.getContentLengthLong() > BODY_MAX_BYTES || request.getHeader("Transfer-Encoding") != null) {
            render(request, response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, TOO_LARGE_PAGE);
            return;
        }
        if (!METHODS.contains(request.getMethod())) {
            response.setHeader("Allow", "GET, HEAD, POST");
            render(request, response, HttpServletResponse.SC_METHOD_NOT_ALLOWED, METHOD_NOT_ALLOWED_PAGE);
            return;
        }
        String viewState = request.getParameter(ResponseStateManager.VIEW_STATE_PARAM);
        if (viewState != null && !"POST".equals(request.getMethod())) {
            render(request, response, HttpServletResponse.SC_BAD_REQUEST, BAD_REQUEST_PAGE);
            return;
        }
        if (StatelessViews.STATELESS.equals(viewState) && !statelessForms.contains(page(request))) {
            request.setAttribute(EXPIRED_PAGE, request.getContextPath() + SecurityHeaders.mappedPath(request));
            render(request, response, HttpServletResponse.SC_BAD_REQUEST, BAD_REQUEST_PAGE);
            return;
        }
        try {
            chain.doFilter(request, response);
        } catch (ServletException | RuntimeException e) {
            if (response.isCommitted() || !isBadRequest(e)) {
                throw e;
            }
            if (causedBy(e, ViewExpiredException.class.getName())) {
                request.setAttribute(EXPIRED_PAGE, request.getContextPath() + SecurityHeaders.mappedPath(request));
            }
            response.resetBuffer();
            render(request, response, HttpServletResponse.SC_BAD_REQUEST, BAD_REQUEST_PAGE);
        }
    }

    /** The page a request is for, as the container mapped it, without {@code .xhtml}. */
    private static String page(HttpServletRequest request) {
        String path = SecurityHeaders.mappedPath(request);
        return path.endsWith(XHTML) ? path.substring(0, path.length() - XHTML.length()) : path;
    }

    private static int requestTargetLength(HttpServletRequest request) {
        String query = request.getQueryString();
        return request.getRequestURI().length() + (query == null ? 0 : query.length() + 1);
    }

    private static boolean headersTooLarge(HttpServletRequest request) {
        long length = 0;
        int count = 0;
        for (Enumeration<String> names = request.getHeaderNames(); names.hasMoreElements(); ) {
            String name = names.nextElement();
            for (Enumeration<String> values = request.getHeaders(name); values.hasMoreElements(); ) {
                length += name.length() + values.nextElement().length() + 4;
                count++;
            }
        }
        return length > HEADERS_MAX_LENGTH || count > HEADERS_MAX_COUNT;
    }

    static void render(HttpServletRequest request, HttpServletResponse response, int status, String page)
            throws ServletException, IOException {
        response.setStatus(status);
        request.getRequestDispatcher(page).forward(new PlainGet(request), response);
    }

    /** The same request seen as a parameterless GET, so Faces renders the error page as a new view. */
    private static final class PlainGet extends HttpServletRequestWrapper {

        PlainGet(HttpServletRequest request) {
            super(request);
        }

        @Override
        public String getMethod() {
            return "GET";
        }

        @Override
        public String getParameter(String name) {
            return null;
        }

        @Override
        public Map<String, String[]> getParameterMap() {
            return Map.of();
        }

        @Override
        public Enumeration<String> getParameterNames() {
            return Collections.emptyEnumeration();
        }

        @Override
        public String[] getParameterValues(String name) {
            return null;
        }
    }

    private static boolean isBadRequest(Throwable e) {
        return causedBy(e, ViewExpiredException.class.getName())
                || causedBy(e, ProtectedViewException.class.getName())
                || causedBy(e, CSP_EXCEPTION);
    }

    private static boolean causedBy(Throwable e, String type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getClass().getName().equals(type)) {
                return true;
            }
            if (t instanceof ServletException servlet && servlet.getRootCause() != null && servlet.getRootCause() != t.getCause()
                    && causedBy(servlet.getRootCause(), type)) {
                return true;
            }
        }
        return false;
    }
}
