package io.resetflow.auth;

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
    SignedInUser signedInUser;

    @Inject
    EndedSignIns endedSignIns;

    public void submit() throws ServletException, IOException {
        HttpServletRequest request = (HttpServletRequest) externalContext.getRequest();
        if (signedInUser.isSignedIn()) {
            // Before the session ends here: another node may still hold a copy of it (EndedSignIns).
            endedSignIns.end(signedInUser.getSignInId());
        }
        SignInService.signOut(request);
        externalContext.redirect(externalContext.getRequestContextPath() + SignInService.PAGE + "?session=signed-out");
    }
}
