package io.resetflow.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.resetflow.audit.AuditLog;
import io.resetflow.audit.AuditLogs;
import io.resetflow.throttle.Throttle;
import io.resetflow.user.User;
import io.resetflow.user.UserService;
import io.resetflow.web.ClientInfo;
import jakarta.faces.context.ExternalContextWrapper;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.SecurityContext;
import jakarta.security.enterprise.authentication.mechanism.http.AuthenticationParameters;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.reflect.Proxy;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What a sign-in records about the account, when the account changes while the password is checked. */
class SignInServiceTest {

    private static final String EMAIL = "person@example.org";

    @Test
    void sessionVersionComesFromTheReadThatVerifiedThePassword() throws Exception {
        // The password is verified against the account as it was (version 1); a reset commits before
        // anything else is read (version 2). The session proved the old password, so it gets version 1
        // and the next request ends it.
        UserService users = new UserService() {
            @Override
            public Optional<User> authenticate(String email, String password) {
                return Optional.of(account(1));
            }

            @Override
            public Optional<User> findByCanonicalEmail(String canonicalEmail) {
                return Optional.of(account(2));
            }
        };
        SignedInUser signedIn = new SignedInUser();
        SignInService service = serviceWith(users, signedIn);

        assertThat(service.signIn(EMAIL, "the old password")).isEqualTo(SignInService.Outcome.SIGNED_IN);

        assertThat(signedIn.getSessionVersion()).as("session version recorded at sign-in").isEqualTo(1);
    }

    private static SignInService serviceWith(UserService users, SignedInUser signedIn) {
        ProvenAccount proven = new ProvenAccount();
        UserIdentityStore store = new UserIdentityStore();
        store.users = users;
        store.proven = proven;
        SignInService service = new SignInService();
        service.proven = proven;
        service.signedInUser = signedIn;
        service.audit = AuditLogs.unobserved();
        service.client = new ClientInfo("192.0.2.1", "unit test");
        service.throttle = new Throttle(); // not configured: no limits
        HttpServletRequest request = proxy(HttpServletRequest.class);
        HttpServletResponse response = proxy(HttpServletResponse.class);
        service.externalContext = new ExternalContextWrapper(null) {
            @Override
            public Object getRequest() {
                return request;
            }

            @Override
            public Object getResponse() {
                return response;
            }

            @Override
            public String getRequestContextPath() {
                return "";
            }

            @Override
            public void redirect(String url) {
            }
        };
        // The container's part: the mechanism asks the identity store to validate the credential.
        service.securityContext = (SecurityContext) Proxy.newProxyInstance(SignInServiceTest.class.getClassLoader(),
                new Class<?>[] {SecurityContext.class}, (proxy, method, args) -> {
                    if (!method.getName().equals("authenticate")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    CredentialValidationResult result = store.validate(((AuthenticationParameters) args[2]).getCredential());
                    return result.getStatus() == CredentialValidationResult.Status.VALID
                            ? AuthenticationStatus.SUCCESS : AuthenticationStatus.SEND_FAILURE;
                });
        return service;
    }

    private static User account(int sessionVersion) {
        return new User() {
            @Override
            public Long getId() {
                return 42L;
            }

            @Override
            public String getDisplayName() {
                return "Person";
            }

            @Override
            public int getSessionVersion() {
                return sessionVersion;
            }
        };
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type) {
        return (T) Proxy.newProxyInstance(SignInServiceTest.class.getClassLoader(), new Class<?>[] {type},
                (p, method, args) -> method.getReturnType() == boolean.class ? false : null);
    }
}
