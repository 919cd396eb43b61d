package io.resetflow.passwordreset;

import io.resetflow.user.PlausibleEmail;
import io.resetflow.user.User;
import io.resetflow.web.ClientInfo;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

@Named
@RequestScoped
public class ForgotPasswordBacking {

    /** Where the forgot-password page is. */
    public static final String PAGE = "/forgot-password";

    @Inject
    PasswordResetService resets;

    @Inject
    ClientInfo client;

    @NotBlank
    @Size(max = User.EMAIL_MAX_LENGTH)
    @PlausibleEmail
    private String email;

    private boolean sent;

    /** Always the same answer, whether or not an account has this address. */
    public void submit() {
        resets.requestReset(email, client);
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
