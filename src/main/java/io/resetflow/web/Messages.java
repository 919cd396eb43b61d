package io.resetflow.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;

/** Adds Faces messages by bundle key, in the view's locale. Backing beans never hold message text. */
@RequestScoped
public class Messages {

    /** Base name of the message bundle, also registered as {@code msg} in faces-config.xml. */
    public static final String BUNDLE = "messages";

    /** The product's texts in this language (English where it has none), for what is written outside a page. */
    public static ResourceBundle bundle(Locale locale) {
        return ResourceBundle.getBundle(BUNDLE, locale);
    }

    @Inject
    FacesContext faces;

    public void info(String clientId, String key) {
        add(clientId, FacesMessage.SEVERITY_INFO, key);
    }

    /** An error message; arguments fill the text's {0}, {1}, ... placeholders. */
    public void error(String clientId, String key, Object... arguments) {
        add(clientId, FacesMessage.SEVERITY_ERROR, key, arguments);
    }

    /**
     * The answer to a request the database could not take: an error message asking to try again, status 503
     * and a Retry-After, the same whatever was typed.
     */
    public void requestNotRecorded() {
        faces.getExternalContext().setResponseStatus(503);
        faces.getExternalContext().setResponseHeader("Retry-After", "10");
        error(null, "message.error.not_recorded");
    }

    private void add(String clientId, FacesMessage.Severity severity, String key, Object... arguments) {
        Locale locale = faces.getViewRoot().getLocale();
        String pattern = ResourceBundle.getBundle(BUNDLE, locale).getString(key);
        String text = arguments.length == 0 ? pattern : new MessageFormat(pattern, locale).format(arguments);
        faces.addMessage(clientId, new FacesMessage(severity, text, null));
    }
}
