package io.resetflow.auth;

import io.resetflow.user.UserService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import java.util.Set;

/**
 * Checks e-mail and password against our accounts. The caller principal's name is the account id, which
 * never changes, not the e-mail, which may.
 */
@ApplicationScoped
public class UserIdentityStore implements IdentityStore {

    static final String ROLE_USER = "user";

    @Inject
    UserService users;

    @Inject
    ProvenAccount proven;

    @Override
    public CredentialValidationResult validate(Credential credential) {
        if (!(credential instanceof UsernamePasswordCredential attempt)) {
            return CredentialValidationResult.NOT_VALIDATED_RESULT;
        }
        return users.authenticate(attempt.getCaller(), attempt.getPasswordAsString())
                .map(user -> {
                    proven.prove(user);
                    return new CredentialValidationResult(user.getId().toString(), Set.of(ROLE_USER));
                })
                .orElse(CredentialValidationResult.INVALID_RESULT);
    }
}
