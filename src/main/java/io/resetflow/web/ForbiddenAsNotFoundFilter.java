package io.resetflow.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * "Forbidden" says that something exists there. Wherever the container answers 403 (a switched-off server
 * endpoint, a protected resource), the visitor gets the same 404 page and status as for an address with
 * nothing behind it. Mapped in web.xml to the 404 page's error dispatch.
 */
public class ForbiddenAsNotFoundFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        response.setStatus(HttpServletResponse.SC_NOT_FOUND);
        chain.doFilter(request, response);
    }
}
