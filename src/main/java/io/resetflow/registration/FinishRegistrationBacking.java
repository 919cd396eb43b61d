package io.resetflow.registration;

import io.resetflow.auth.SignInService;
import io.resetflow.mailedlink.InvalidLinkException;
import io.resetflow.mailedlink.LinkPurpose;
import io.resetflow.mailedlink.MailedLinkPage;
import io.resetflow.user.EmailAlreadyRegisteredException;
import io.resetflow.user.NewPassword;
import io.resetflow.user.PasswordPolicy;
import io.resetflow.user.PasswordRejectedException;
import io.resetflow.user.User;
import io.resetflow.web.ClientInfo;
import io.resetflow.web.Messages;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.persistence.PersistenceException;
import jakarta.servlet.ServletException;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.io.IOException;

/**
 * The page behind the mailed registration link. {@link io.resetflow.mailedlink.MailedLinkFilter} has put the
 * link's digest in the session; this page asks for a name and a password while the link is usable, creates the account and
 * signs it in, and gives the calm "invalid or expired" answer otherwise.
 */
@Named
@RequestScoped
public class FinishRegistrationBacking extends MailedLinkPage {

    @Inject
    RegistrationService registrations;

    @Inject
    SignInService signIn;

    @Inject
    Messages messages;

    @Inject
    ClientInfo client;

    @NotBlank
    @Size(max = User.DISPLAY_NAME_MAX_LENGTH)
    private String displayName;

    private final NewPassword newPassword = new NewPassword();

    @Override
    protected LinkPurpose purpose() {
        return registrations.link();
    }

    public void submit() throws IOException, ServletException {
        User user;
        try {
            user = registrations.finish(digest(), displayName, newPassword.getPassword(), newPassword.getConfirmation(), client);
        } catch (PasswordRejectedException e) {
            messages.error("finish:password", e.getReason().messageKey(), PasswordPolicy.MAX_LENGTH);
            return;
        } catch (IllegalArgumentException e) {
            messages.error("finish:displayName", "finish_registration.message.error.invalid_name", User.DISPLAY_NAME_MAX_LENGTH);
            return;
        } catch (EmailAlreadyRegisteredException | PersistenceException e) {
            // PersistenceException: the same address was registered concurrently and won the unique index.
            endLink();
            messages.error(null, "finish_registration.message.error.email_taken");
            return;
        } catch (InvalidLinkException e) {
            endLink();
            return;
        }
        endLink();
        signIn.signIn(user.getEmail(), newPassword.getPassword());
    }

    public String getDisplayName() {
        return displayName;
    }

    public void setDisplayName(String displayName) {
        this.displayName = displayName;
    }

    public NewPassword getNewPassword() {
        return newPassword;
    }
}
