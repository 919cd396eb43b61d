package io.resetflow.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.primefaces.context.PrimeFacesContext;

/**
 * The page's CSP nonce, the value PrimeFaces marks its scripts with and checks on every post. PrimeFaces'
 * script copies it into each form; forms also carry it from the server (WEB-INF/includes/form-nonce.xhtml),
 * so they work with JavaScript switched off.
 */
@Named
@RequestScoped
public class CspNonce {

    @Inject
    FacesContext faces;

    public String getValue() {
        return PrimeFacesContext.getCspState(faces).getNonce();
    }
}
