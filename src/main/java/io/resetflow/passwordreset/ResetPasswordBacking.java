package io.resetflow.passwordreset;

import io.resetflow.auth.SignInService;
import io.resetflow.user.PasswordPolicy;
import io.resetflow.user.PasswordRejectedException;
import io.resetflow.web.ClientInfo;
import io.resetflow.web.MailedLinkPage;
import io.resetflow.web.Messages;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.util.Optional;

/**
 * The page behind the mailed link. {@link ResetLinkFilter} has put the token's digest in the session;
 * this page offers the form while that token is usable and the calm "invalid or expired" answer otherwise.
 */
@Named
@RequestScoped
public class ResetPasswordBacking extends MailedLinkPage {

    /** Where the reset page is: the path of every mailed link and of the redirect that drops its token. */
    static final String PAGE = "/reset-password";

    static final String SESSION_DIGEST = ResetPasswordBacking.class.getName() + ".digest";

    @Inject
    PasswordResetService resets;

    @Inject
    Messages messages;

    @Inject
    ClientInfo client;

    @Size(max = PasswordPolicy.MAX_INPUT_LENGTH)
    private String password;

    @Size(max = PasswordPolicy.MAX_INPUT_LENGTH)
    private String confirmation;

    @Override
    protected String sessionAttribute() {
        return SESSION_DIGEST;
    }

    @Override
    protected Optional<String> maskedAddressIfUsable(byte[] digest) {
        return resets.maskedAddressIfUsable(digest);
    }

    public void submit() throws IOException {
        try {
            resets.resetPassword(digest(), password, confirmation, client);
        } catch (PasswordRejectedException e) {
            messages.error("reset:password", e.getReason().messageKey(), PasswordPolicy.MAX_LENGTH);
            return;
        } catch (InvalidResetTokenException e) {
            endLink();
            return;
        }
        endLink();
        externalContext.redirect(externalContext.getRequestContextPath() + SignInService.PAGE + "?password=changed");
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public String getConfirmation() {
        return confirmation;
    }

    public void setConfirmation(String confirmation) {
        this.confirmation = confirmation;
    }
}
