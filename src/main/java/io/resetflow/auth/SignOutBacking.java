package io.resetflow.auth;

import io.resetflow.web.Messages;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;

@Named
@RequestScoped
public class SignOutBacking {

    @Inject
    ExternalContext externalContext;

    @Inject
    Messages messages;

    public void submit() throws ServletException, IOException {
        HttpServletRequest request = (HttpServletRequest) externalContext.getRequest();
        request.logout();
        externalContext.invalidateSession();
        messages.flashInfo("sign_in.message.info.signed_out");
        externalContext.redirect(externalContext.getRequestContextPath() + SignInBacking.PAGE);
    }
}
