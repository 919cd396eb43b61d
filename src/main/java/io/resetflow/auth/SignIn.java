package io.resetflow.auth;

import io.resetflow.audit.AuditLog;
import io.resetflow.user.EmailAddress;
import io.resetflow.user.UserService;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.SecurityContext;
import jakarta.security.enterprise.authentication.mechanism.http.AuthenticationParameters;
import jakarta.security.enterprise.credential.Password;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** Signs the current request's session in through the container's authentication mechanism. */
@RequestScoped
public class SignIn {

    @Inject
    SecurityContext securityContext;

    @Inject
    ExternalContext externalContext;

    @Inject
    UserService users;

    @Inject
    SignedInUser signedInUser;

    @Inject
    AuditLog audit;

    /**
     * Authenticates and, on success, renews the session id, records who signed in under which session
     * version, and sends the browser to /account.
     *
     * @return whether the credentials were accepted
     */
    public boolean signIn(String email, String password) throws IOException {
        HttpServletRequest request = (HttpServletRequest) externalContext.getRequest();
        HttpServletResponse response = (HttpServletResponse) externalContext.getResponse();
        AuthenticationStatus status = securityContext.authenticate(request, response,
                AuthenticationParameters.withParams()
                        .credential(new UsernamePasswordCredential(email, new Password(password)))
                        .newAuthentication(true));
        if (status != AuthenticationStatus.SUCCESS) {
            audit.signInFailed(request.getRemoteAddr());
            return false;
        }
        var user = users.findByCanonicalEmail(EmailAddress.canonicalize(email)).orElseThrow();
        // A new session id at sign-in: an id planted before it is worth nothing afterwards.
        request.changeSessionId();
        signedInUser.signIn(user.getId(), user.getDisplayName(), user.getSessionVersion());
        audit.signedIn(user.getId(), request.getRemoteAddr());
        externalContext.redirect(externalContext.getRequestContextPath() + "/account");
        return true;
    }
}
