package io.resetflow.registration;

import io.resetflow.user.PlausibleEmail;
import io.resetflow.user.User;
import io.resetflow.web.ClientInfo;
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

    @NotBlank
    @Size(max = User.EMAIL_MAX_LENGTH)
    @PlausibleEmail
    private String email;

    private boolean sent;

    /** Always the same answer, whether or not an account has this address. */
    public void submit() {
        registrations.requestRegistration(email, faces.getViewRoot().getLocale(), client);
        email = null;
        sent = true;
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
