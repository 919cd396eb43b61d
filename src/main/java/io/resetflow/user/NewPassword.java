package io.resetflow.user;

import jakarta.validation.constraints.Size;

/**
 * A new password as a form takes it: typed twice. The pages bind both fields through it
 * ({@code WEB-INF/includes/new-password.xhtml}); {@link UserService} checks them against the policy.
 */
public class NewPassword {

    @Size(max = PasswordPolicy.MAX_INPUT_LENGTH)
    private String password;

    @Size(max = PasswordPolicy.MAX_INPUT_LENGTH)
    private String confirmation;

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
