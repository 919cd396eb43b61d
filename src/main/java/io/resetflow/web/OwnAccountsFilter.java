package io.resetflow.web;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The pages of the product's own accounts (registration, sign-in, the account page) exist only while the site has
 * no sign-in of its own ({@link Site#isOwnAccounts()}); otherwise they answer the 404 page, whatever the method.
 * Mapped in web.xml to those pages, before anything else reads the request.
 */
public class OwnAccountsFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;

    @Inject
    Site site;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (site.isOwnAccounts()) {
            chain.doFilter(request, response);
        } else {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
        }
    }
}
