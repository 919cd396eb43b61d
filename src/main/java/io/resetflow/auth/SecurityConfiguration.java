package io.resetflow.auth;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.faces.annotation.FacesConfig;
import jakarta.security.enterprise.authentication.mechanism.http.CustomFormAuthenticationMechanismDefinition;
import jakarta.security.enterprise.authentication.mechanism.http.LoginToContinue;

/**
 * Sign-in by our own Faces page: the mechanism sends a visitor of a protected page to /login and back
 * afterwards; {@link LoginBacking} hands the credentials to {@link UserIdentityStore}.
 */
@CustomFormAuthenticationMechanismDefinition(
        loginToContinue = @LoginToContinue(loginPage = "/login", errorPage = "", useForwardToLogin = false))
@FacesConfig
@ApplicationScoped
public class SecurityConfiguration {
}
