package io.resetflow.auth;

import io.resetflow.audit.AuditLog;
import io.resetflow.throttle.Limit;
import io.resetflow.throttle.Throttle;
import io.resetflow.user.EmailAddress;
import io.resetflow.user.User;
import io.resetflow.web.ClientInfo;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.SecurityContext;
import jakarta.security.enterprise.authentication.mechanism.http.AuthenticationParameters;
import jakarta.security.enterprise.credential.Password;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Signs the current request's session in through the container's authentication mechanism. */
@RequestScoped
public class SignInService {

    /** The sign-in page, where other pages and mails send a person to sign in. */
    public static final String PAGE = "/sign-in";

    /**
     * Ends the request's sign-in and its session. Some servers end the session in {@code logout()} (Open Liberty),
     * others keep it; either way no session of it is left, and ending one already ended is no error.
     */
    static void signOut(HttpServletRequest request) throws ServletException {
        request.logout();
        HttpSession session = request.getSession(false);
        if (session != null) {
            try {
                session.invalidate();
            } catch (IllegalStateException endedByLogout) {
                // this server's logout() ended it
            }
        }
    }

    /** What became of an attempt. */
    public enum Outcome { SIGNED_IN, REJECTED, THROTTLED }

    @Inject
    SecurityContext securityContext;

    @Inject
    ExternalContext externalContext;

    @Inject
    SignedInUser signedInUser;

    @Inject
    ProvenAccount proven;

    @Inject
    EndedSignIns endedSignIns;

    @Inject
    AuditLog audit;

    @Inject
    Throttle throttle;

    @Inject
    ClientInfo client;

    /**
     * Authenticates and, on success, renews the session id, records who signed in under which session
     * version, and sends the browser to /account. Failed attempts count per client network, per canonical
     * address (whether or not an account has it) together with the client network, and per canonical address
     * from anywhere, with a ceiling far above the per-client one: a stranger's guesses lock out the stranger,
     * not the owner. Each attempt takes its place in those limits before the password is checked, so parallel
     * guesses get no more tries than sequential ones; a success gives it back. Over any limit, no password
     * is checked at all. When the credentials could not be checked (an outage), the exception goes on to the
     * error page and nothing is counted.
     */
    public Outcome signIn(String email, String password) throws IOException, ServletException {
        Optional<Throttle.Permit> permit = throttle.tryAcquire(limitsFor(EmailAddress.canonicalize(email), client));
        if (permit.isEmpty()) {
            audit.signInThrottled(client.address());
            return Outcome.THROTTLED;
        }
        HttpServletRequest request = (HttpServletRequest) externalContext.getRequest();
        HttpServletResponse response = (HttpServletResponse) externalContext.getResponse();
        if (request.getUserPrincipal() != null) {
            // Signed in already (in this browser, or in a session someone planted in it): that sign-in ends here, or
            // the container would answer with it instead of checking these credentials.
            request.logout();
        }
        AuthenticationStatus status = securityContext.authenticate(request, response,
                AuthenticationParameters.withParams()
                        .credential(new UsernamePasswordCredential(email, new Password(password)))
                        .newAuthentication(true));
        if (request.getAttribute(SignInMechanism.CHECK_FAILED) instanceof RuntimeException failure) {
            permit.get().refund();
            throw new IllegalStateException("The credentials could not be checked", failure);
        }
        if (status != AuthenticationStatus.SUCCESS) {
            audit.signInFailed(client.address());
            return Outcome.REJECTED;
        }
        permit.get().refund();
        // The version from the very read the password was checked against: see ProvenAccount.
        User user = proven.get().orElseThrow(() -> new IllegalStateException("Signed in without a proven account"));
        // A new session id at sign-in: an id planted before it is worth nothing afterwards. Without a session (the
        // sign-in page keeps none), the session bean below starts a new one.
        if (request.getSession(false) != null) {
            request.changeSessionId();
            if (signedInUser.isSignedIn()) {
                // Someone was signed in on this session: that sign-in ends on every node's copy of it too.
                endedSignIns.end(signedInUser.getSignInId());
            }
        }
        signedInUser.signIn(user.getId(), user.getDisplayName(), user.getSessionVersion());
        audit.signedIn(user.getId(), client.address());
        externalContext.redirect(externalContext.getRequestContextPath() + "/account");
        return Outcome.SIGNED_IN;
    }

    /** The sign-in limits an attempt for this canonical address from this client counts against. */
    static Map<Limit, String> limitsFor(String canonicalEmail, ClientInfo client) {
        Map<Limit, String> limits = new LinkedHashMap<>();
        limits.put(Limit.SIGN_IN_PER_CLIENT, client.network());
        limits.put(Limit.SIGN_IN_PER_ACCOUNT_AND_CLIENT, Limit.accountAndClient(canonicalEmail, client.network()));
        limits.put(Limit.SIGN_IN_PER_ACCOUNT, canonicalEmail);
        return limits;
    }
}
