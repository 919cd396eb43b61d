package io.resetflow.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.faces.annotation.FacesConfig;

/** Turns on Faces 4 CDI integration (injectable FacesContext, ExternalContext, Flash). */
@FacesConfig
@ApplicationScoped
public class FacesConfiguration {
}
