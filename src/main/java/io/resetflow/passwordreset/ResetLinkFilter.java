package io.resetflow.passwordreset;

import io.resetflow.web.ClientInfoProducer;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.Optional;

/**
 * Receives the mailed link. A GET (or HEAD, as mail scanners send) checks the token without consuming
 * it, keeps only its digest in the server-side session under a new session id, and answers 303 to the same
 * page without the token, so the secret leaves the address bar, the history and any Referer at once.
 */
@WebFilter(filterName = "ResetLinkFilter") // mapped in web.xml, where the order of filters is set
public class ResetLinkFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;

    @Inject
    PasswordResetService resets;

    @Inject
    ClientInfoProducer clients;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        boolean read = "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod());
        if (!read || request.getQueryString() == null) {
            chain.doFilter(request, response);
            return;
        }
        String[] values = request.getParameterValues(PasswordResetSettings.TOKEN_PARAMETER);
        Optional<byte[]> digest = values != null && values.length == 1
                ? PasswordResetToken.digestIfWellFormed(values[0])
                : Optional.empty();
        if (resets.checkLink(digest, clients.of(request))) {
            HttpSession session = request.getSession();
            if (!session.isNew()) {
                // The browser may present a session id someone planted: after this it is worth nothing to them.
                request.changeSessionId();
            }
            session.setAttribute(ResetPasswordBacking.SESSION_DIGEST, digest.get());
        } else {
            Optional.ofNullable(request.getSession(false))
                    .ifPresent(session -> session.removeAttribute(ResetPasswordBacking.SESSION_DIGEST));
        }
        response.setStatus(HttpServletResponse.SC_SEE_OTHER);
        response.setHeader("Location", request.getContextPath() + ResetPasswordBacking.PAGE);
    }
}
