package io.resetflow.passwordreset;

import io.resetflow.auth.SignInService;
import io.resetflow.mailedlink.InvalidLinkException;
import io.resetflow.mailedlink.LinkPurpose;
import io.resetflow.mailedlink.MailedLinkPage;
import io.resetflow.user.NewPassword;
import io.resetflow.user.PasswordPolicy;
import io.resetflow.user.PasswordRejectedException;
import io.resetflow.web.ClientInfo;
import io.resetflow.web.Messages;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;

/**
 * The page behind the mailed link. {@link io.resetflow.mailedlink.MailedLinkFilter} has put the link's digest in
 * the session; this page offers the form while that link is usable and the calm "invalid or expired" answer otherwise.
 */
@Named
@RequestScoped
public class ResetPasswordBacking extends MailedLinkPage {

    @Inject
    PasswordResetService resets;

    @Inject
    Messages messages;

    @Inject
    ClientInfo client;

    private final NewPassword newPassword = new NewPassword();

    @Override
    protected LinkPurpose purpose() {
        return resets.link();
    }

    public void submit() throws IOException {
        try {
            resets.resetPassword(digest(), newPassword.getPassword(), newPassword.getConfirmation(), client);
        } catch (PasswordRejectedException e) {
            messages.error("reset:password", e.getReason().messageKey(), PasswordPolicy.MAX_LENGTH);
            return;
        } catch (InvalidLinkException e) {
            endLink();
            return;
        }
        endLink();
        externalContext.redirect(externalContext.getRequestContextPath() + SignInService.PAGE + "?password=changed");
    }

    public NewPassword getNewPassword() {
        return newPassword;
    }
}
