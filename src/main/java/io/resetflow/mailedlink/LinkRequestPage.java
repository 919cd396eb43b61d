package io.resetflow.mailedlink;

import io.resetflow.mail.RequestNotRecordedException;
import io.resetflow.user.PlausibleEmail;
import io.resetflow.user.User;
import io.resetflow.web.ClientInfo;
import io.resetflow.web.Messages;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * The page bean where a person asks for a mailed link by typing an address. The answer is the same for every
 * address, whether or not an account has it; when the request could not be recorded, the same "try again in a
 * moment" for every address. Nothing typed comes back on the page.
 */
public abstract class LinkRequestPage {

    @Inject
    protected ClientInfo client;

    @Inject
    Messages messages;

    @NotBlank
    @Size(max = User.EMAIL_MAX_LENGTH)
    @PlausibleEmail
    private String email;

    private boolean sent;

    /**
     * Records the request for this address, as typed.
     *
     * @throws RequestNotRecordedException if the database did not take it
     */
    protected abstract void request(String typedEmail);

    public void submit() {
        try {
            request(email);
            sent = true;
        } catch (RequestNotRecordedException e) {
            messages.requestNotRecorded();
        }
        email = null;
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
