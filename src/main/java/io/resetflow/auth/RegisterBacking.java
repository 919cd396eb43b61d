package io.resetflow.auth;

import io.resetflow.audit.AuditLog;
import io.resetflow.user.EmailAlreadyRegisteredException;
import io.resetflow.user.PasswordPolicy;
import io.resetflow.user.PasswordRejectedException;
import io.resetflow.user.PlausibleEmail;
import io.resetflow.user.User;
import io.resetflow.user.UserService;
import io.resetflow.web.Messages;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.persistence.PersistenceException;
import io.resetflow.web.ClientInfo;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.io.IOException;

@Named
@RequestScoped
public class RegisterBacking {

    @Inject
    UserService users;

    @Inject
    SignInService signIn;

    @Inject
    FacesContext faces;

    @Inject
    Messages messages;

    @Inject
    AuditLog audit;

    @Inject
    ClientInfo client;

    @NotBlank
    @Size(max = User.EMAIL_MAX_LENGTH)
    @PlausibleEmail
    private String email;

    @NotBlank
    @Size(max = User.DISPLAY_NAME_MAX_LENGTH)
    private String displayName;

    @Size(max = PasswordPolicy.MAX_INPUT_LENGTH)
    private String password;

    @Size(max = PasswordPolicy.MAX_INPUT_LENGTH)
    private String confirmation;

    public void submit() throws IOException {
        User user;
        try {
            user = users.register(email, displayName, password, confirmation, faces.getViewRoot().getLocale());
        } catch (PasswordRejectedException e) {
            messages.error("register:password", e.getReason().messageKey(), PasswordPolicy.MAX_LENGTH);
            return;
        } catch (EmailAlreadyRegisteredException | PersistenceException e) {
            // PersistenceException: the same address registered concurrently and won the unique index.
            messages.error("register:email", "register.message.error.email_taken");
            return;
        } catch (IllegalArgumentException e) {
            messages.error(null, "register.message.error.invalid");
            return;
        }
        audit.registered(user.getId(), client.address());
        signIn.signIn(email, password);
    }

    public String getEmail() {
        return email;
    }

    public void setEmail(String email) {
        this.email = email;
    }

    public String getDisplayName() {
        return displayName;
    }

    public void setDisplayName(String displayName) {
        this.displayName = displayName;
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
