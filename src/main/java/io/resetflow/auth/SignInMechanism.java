package io.resetflow.auth;

import io.resetflow.web.SecurityHeaders;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Set;

/**
 * Sign-in by our own Faces page. Credentials arrive only through {@link SignInService} (a programmatic
 * authenticate); a visitor of a protected page without a session is sent to the sign-in page. Deliberately
 * small: the generic form mechanisms keep state between requests after a failed attempt, which answered the next
 * protected request with an empty page.
 * <p>
 * Who is signed in is {@link SignedInUser}, a bean of the HTTP session, and each request of a signed-in session
 * tells the container from it. Not the container's own session sign-in ({@code @AutoApplySession}): where sessions
 * live in the data grid, a node that did not see the sign-in rebuilds that principal from its name alone, without
 * its group, and the session is refused every page that needs the role.
 */
@ApplicationScoped
public class SignInMechanism implements HttpAuthenticationMechanism {

    /**
     * Request attribute holding the failure when the credentials could not be checked at all (the database
     * unreachable, say). The container answers any exception thrown here as "invalid credentials"; with this
     * attribute {@link SignInService} tells the two apart, so an outage is neither shown as a wrong password nor
     * counted against the person.
     */
    static final String CHECK_FAILED = SignInMechanism.class.getName() + ".checkFailed";

    @Inject
    IdentityStoreHandler identityStores;

    @Inject
    SecurityHeaders headers;

    @Inject
    SignedInUser signedInUser;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) {
        Credential credential = context.getAuthParameters().getCredential();
        if (credential != null) {
            CredentialValidationResult result;
            try {
                result = identityStores.validate(credential);
            } catch (RuntimeException e) {
                request.setAttribute(CHECK_FAILED, e);
                return AuthenticationStatus.SEND_FAILURE;
            }
            return result.getStatus() == CredentialValidationResult.Status.VALID
                    ? context.notifyContainerAboutLogin(result)
                    : AuthenticationStatus.SEND_FAILURE;
        }
        // A visitor without a session has nobody signed in; asking the session bean would start a session.
        if (request.getSession(false) != null && signedInUser.isSignedIn()) {
            return context.notifyContainerAboutLogin(signedInUser.getUserId().toString(), Set.of(UserIdentityStore.ROLE_USER));
        }
        if (context.isProtected()) {
            // This answer leaves before any filter runs: it needs the headers every other answer carries.
            headers.apply(request, response);
            return context.redirect(request.getContextPath() + SignInService.PAGE);
        }
        return context.doNothing();
    }
}
