package io.resetflow.mailedlink;

import io.resetflow.web.ClientInfoProducer;
import io.resetflow.web.PublicLinks;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Receives a mailed link on its page (mapped in web.xml to every {@link LinkPurpose#page()}). A GET (or HEAD, as
 * mail scanners send) checks the secret without using it, keeps only its digest in the server-side session
 * under a new session id, and answers 303 to the same page without the secret, so the secret leaves the address
 * bar, the history and any Referer at once.
 */
public class MailedLinkFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;

    private static final String EXTENSION = ".xhtml";

    @Inject
    ClientInfoProducer clients;

    @Inject
    MailedLinks links;

    @Inject
    @Any
    Instance<LinkPurpose> purposeBeans;

    /** Every purpose by its page, found once: the features' settings do not change while the application runs. */
    private Map<String, LinkPurpose> purposes;

    @Override
    public void init() {
        purposes = purposeBeans.stream().collect(Collectors.toUnmodifiableMap(LinkPurpose::page, p -> p));
    }

    /** The session attribute a page of this purpose reads its link's digest from. */
    static String sessionAttribute(LinkPurpose purpose) {
        return MailedLinkFilter.class.getName() + "." + purpose.name();
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        boolean read = "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod());
        Optional<LinkPurpose> purpose = read && request.getQueryString() != null ? purposeOf(request.getServletPath()) : Optional.empty();
        if (purpose.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        String attribute = sessionAttribute(purpose.get());
        String[] values = request.getParameterValues(PublicLinks.SECRET_PARAMETER);
        Optional<byte[]> digest = values != null && values.length == 1
                ? LinkSecret.digestIfWellFormed(values[0])
                : Optional.empty();
        if (links.check(purpose.get(), digest, clients.of(request))) {
            HttpSession session = request.getSession();
            if (!session.isNew()) {
                // The browser may present a session id someone planted: after this it is worth nothing to them.
                request.changeSessionId();
            }
            session.setAttribute(attribute, digest.get());
        } else {
            Optional.ofNullable(request.getSession(false)).ifPresent(session -> session.removeAttribute(attribute));
        }
        response.setStatus(HttpServletResponse.SC_SEE_OTHER);
        response.setHeader("Location", request.getContextPath() + purpose.get().page());
    }

    private Optional<LinkPurpose> purposeOf(String servletPath) {
        String page = servletPath.endsWith(EXTENSION) ? servletPath.substring(0, servletPath.length() - EXTENSION.length()) : servletPath;
        return Optional.ofNullable(purposes.get(page));
    }
}
