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
import io.resetflow.web.Site;
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

    /** The page after a reset where the site has a sign-in of its own. */
    static final String PASSWORD_CHANGED_PAGE = "/password-changed";

    @Inject
    PasswordResetService resets;

    @Inject
    Site site;

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
        // Our sign-in page says the password changed; a site with its own sign-in gets a page that leads there.
        String next = site.isOwnAccounts() ? SignInService.PAGE + "?password=changed" : PASSWORD_CHANGED_PAGE;
        externalContext.redirect(externalContext.getRequestContextPath() + next);
    }

    public NewPassword getNewPassword() {
        return newPassword;
    }
}
