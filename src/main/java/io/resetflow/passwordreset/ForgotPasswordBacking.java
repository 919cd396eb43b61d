package io.resetflow.passwordreset;

import io.resetflow.mail.RequestNotRecordedException;
import io.resetflow.user.PlausibleEmail;
import io.resetflow.user.User;
import io.resetflow.web.ClientInfo;
import io.resetflow.web.Messages;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

@Named
@RequestScoped
public class ForgotPasswordBacking {

    @Inject
    PasswordResetService resets;

    @Inject
    ClientInfo client;

    @Inject
    Messages messages;

    @NotBlank
    @Size(max = User.EMAIL_MAX_LENGTH)
    @PlausibleEmail
    private String email;

    private boolean sent;

    /**
     * Always the same answer, whether or not an account has this address; when the request could not be
     * recorded, the same "try again in a moment" for every address.
     */
    public void submit() {
        try {
            resets.requestReset(email, client);
            sent = true;
        } catch (RequestNotRecordedException e) {
            messages.requestNotRecorded();
        }
        email = null; // nothing typed comes back: the page is the same for every address
    }

    public boolean isSent() {
        return sent;
    }

    public String getEmail() {
        return email;
    }

    public void setEmail(String email) {
        this.email = email;
    }
}
