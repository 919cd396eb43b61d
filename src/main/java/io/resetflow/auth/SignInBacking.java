package io.resetflow.auth;

import io.resetflow.user.PasswordPolicy;
import io.resetflow.user.User;
import io.resetflow.web.Messages;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.ServletException;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.io.IOException;

/** The sign-in page. */
@Named
@RequestScoped
public class SignInBacking {

    /** Where the sign-in page is; every redirect to it uses this. */

    @Inject
    SignInService signIn;

    @Inject
    Messages messages;

    @NotBlank
    @Size(max = User.EMAIL_MAX_LENGTH)
    private String email;

    @NotBlank
    @Size(max = PasswordPolicy.MAX_INPUT_LENGTH)
    private String password;

    public void submit() throws IOException, ServletException {
        switch (signIn.signIn(email, password)) {
            case REJECTED -> messages.error(null, "sign_in.message.error.invalid_credentials");
            case THROTTLED -> messages.error(null, "sign_in.message.error.throttled");
            case SIGNED_IN -> { }
        }
    }

    public String getEmail() {
        return email;
    }

    public void setEmail(String email) {
        this.email = email;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }
}
