package io.resetflow.passwordreset;

import io.resetflow.mailedlink.LinkRequestPage;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** The forgot-password page: the address a reset link is asked for. */
@Named
@RequestScoped
public class ForgotPasswordBacking extends LinkRequestPage {

    @Inject
    PasswordResetService resets;

    @Override
    protected void request(String typedEmail) {
        resets.requestReset(typedEmail, client);
    }
}
