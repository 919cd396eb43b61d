package io.resetflow.web;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.Optional;

/**
 * Receives a mailed link on its page. A GET (or HEAD, as mail scanners send) checks the secret without
 * consuming it, keeps only its digest in the server-side session under a new session id, and answers 303 to
 * the same page without the secret, so the secret leaves the address bar, the history and any Referer at once.
 */
public abstract class MailedLinkFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;

    @Inject
    ClientInfoProducer clients;

    /** Whether the link with this digest (empty when the secret was malformed) can be used; never consumes it. */
    protected abstract boolean isUsable(Optional<byte[]> digest, ClientInfo client);

    /** The session attribute the page reads the digest from. */
    protected abstract String sessionAttribute();

    /** The page's path, without the secret. */
    protected abstract String page();

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        boolean read = "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod());
        if (!read || request.getQueryString() == null) {
            chain.doFilter(request, response);
            return;
        }
        String[] values = request.getParameterValues(PublicLinks.SECRET_PARAMETER);
        Optional<byte[]> digest = values != null && values.length == 1
                ? LinkSecret.digestIfWellFormed(values[0])
                : Optional.empty();
        if (isUsable(digest, clients.of(request))) {
            HttpSession session = request.getSession();
            if (!session.isNew()) {
                // The browser may present a session id someone planted: after this it is worth nothing to them.
                request.changeSessionId();
            }
            session.setAttribute(sessionAttribute(), digest.get());
        } else {
            Optional.ofNullable(request.getSession(false)).ifPresent(session -> session.removeAttribute(sessionAttribute()));
        }
        response.setStatus(HttpServletResponse.SC_SEE_OTHER);
        response.setHeader("Location", request.getContextPath() + page());
    }
}
