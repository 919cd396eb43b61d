package io.resetflow.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import java.util.ResourceBundle;

/** Adds Faces messages by bundle key, in the view's locale. Backing beans never hold message text. */
@RequestScoped
public class Messages {

    /** Base name of the message bundle, also registered as {@code msg} in faces-config.xml. */
    public static final String BUNDLE = "messages";

    @Inject
    FacesContext faces;

    public void info(String clientId, String key) {
        add(clientId, FacesMessage.SEVERITY_INFO, key);
    }

    public void error(String clientId, String key) {
        add(clientId, FacesMessage.SEVERITY_ERROR, key);
    }

    /** An informational message that survives the redirect that follows. */
    public void flashInfo(String key) {
        faces.getExternalContext().getFlash().setKeepMessages(true);
        info(null, key);
    }

    private void add(String clientId, FacesMessage.Severity severity, String key) {
        String text = ResourceBundle.getBundle(BUNDLE, faces.getViewRoot().getLocale()).getString(key);
        faces.addMessage(clientId, new FacesMessage(severity, text, null));
    }
}
