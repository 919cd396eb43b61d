package io.resetflow.web;

import jakarta.faces.application.ViewHandler;
import jakarta.faces.application.ViewHandlerWrapper;
import jakarta.faces.context.FacesContext;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;

/**
 * A page's language: the one chosen from the switcher (its cookie) if there is one, otherwise the best match of
 * the browser's {@code Accept-Language} among the supported ones (Faces' own rule), otherwise English.
 */
public class LanguageViewHandler extends ViewHandlerWrapper {

    public LanguageViewHandler(ViewHandler wrapped) {
        super(wrapped);
    }

    @Override
    public Locale calculateLocale(FacesContext context) {
        Object request = context.getExternalContext().getRequest();
        if (request instanceof HttpServletRequest http) {
            return Languages.chosen(http).orElseGet(() -> super.calculateLocale(context));
        }
        return super.calculateLocale(context);
    }
}
