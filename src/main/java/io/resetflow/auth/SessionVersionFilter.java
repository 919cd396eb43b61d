package io.resetflow.auth;

import io.resetflow.user.User;
import io.resetflow.user.UserService;
import io.resetflow.web.FilterProtection;
import io.resetflow.web.SecurityHeaders;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;

/**
 * Ends a signed-in session as soon as the account's password has changed anywhere else, or its sign-in was signed
 * out on another node: each page request of a signed-in session compares the session version it signed in under
 * with the account's current one, and looks its sign-in up in {@link EndedSignIns}.
 */
public class SessionVersionFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;

    @Inject
    SignedInUser signedInUser;

    @Inject
    UserService users;

    @Inject
    EndedSignIns endedSignIns;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        FilterProtection.ran(request, getFilterName());
        HttpSession session = request.getSession(false);
        // Stylesheets and scripts show no account data: no database look-up for each of them.
        if (session != null && !SecurityHeaders.isFacesResource(request) && signedInUser.isSignedIn() && !isCurrent()) {
            SignInService.signOut(request);
            response.setStatus(HttpServletResponse.SC_SEE_OTHER);
            response.setHeader("Location", request.getContextPath() + SignInService.PAGE + "?session=ended");
            return;
        }
        chain.doFilter(request, response);
    }

    private boolean isCurrent() {
        return !endedSignIns.isEnded(signedInUser.getSignInId()) && users.findById(signedInUser.getUserId())
                .map(User::getSessionVersion)
                .filter(version -> version == signedInUser.getSessionVersion())
                .isPresent();
    }
}
