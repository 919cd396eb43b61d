package io.resetflow.auth;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The sign-in page's former address, {@code /login}, from bookmarks and older mails: a permanent
 * redirect to {@link SignInService#PAGE}. The query string is not carried over.
 */
@WebServlet(urlPatterns = {"/login", "/login.xhtml"})
public class SignInRedirectServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) {
        response.setStatus(HttpServletResponse.SC_MOVED_PERMANENTLY);
        response.setHeader("Location", request.getContextPath() + SignInService.PAGE);
    }
}
