package io.resetflow.registration;

import io.resetflow.mailedlink.LinkRequestPage;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** The first step of creating an account: the address, to which a link is mailed in the page's language. */
@Named
@RequestScoped
public class RegisterBacking extends LinkRequestPage {

    @Inject
    RegistrationService registrations;

    @Inject
    FacesContext faces;

    @Override
    protected void request(String typedEmail) {
        registrations.requestRegistration(typedEmail, faces.getViewRoot().getLocale(), client);
    }
}
