package io.resetflow.registration;

import io.resetflow.mail.RequestNotRecordedException;
import io.resetflow.user.PlausibleEmail;
import io.resetflow.user.User;
import io.resetflow.web.ClientInfo;
import io.resetflow.web.Messages;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** The first step of creating an account: the address, to which a link is mailed. */
@Named
@RequestScoped
public class RegisterBacking {

    @Inject
    RegistrationService registrations;

    @Inject
    FacesContext faces;

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
            registrations.requestRegistration(email, faces.getViewRoot().getLocale(), client);
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
