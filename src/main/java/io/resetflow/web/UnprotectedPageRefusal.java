package io.resetflow.web;

import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.faces.event.PhaseEvent;
import jakarta.faces.event.PhaseId;
import jakarta.faces.event.PhaseListener;
import jakarta.inject.Inject;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Before any page is built: a page request that did not pass through every protective filter, or any page request
 * once the product refuses to serve ({@link FilterProtection}), is answered 503 with a plain line and nothing else.
 * Declared in {@code faces-config.xml}, which every server reads. Forwards and error pages are refused only once the
 * product refuses to serve, never for marks missing on them: a filter that answers early (a refused cross-site post)
 * forwards before the filters behind it have run.
 */
public class UnprotectedPageRefusal implements PhaseListener {

    private static final long serialVersionUID = 1L;

    @Inject
    FilterProtection protection;

    @Override
    public PhaseId getPhaseId() {
        return PhaseId.RESTORE_VIEW;
    }

    @Override
    public void beforePhase(PhaseEvent event) {
        FacesContext faces = event.getFacesContext();
        ExternalContext external = faces.getExternalContext();
        HttpServletRequest request = (HttpServletRequest) external.getRequest();
        // A forward or an error page may follow a filter that answered before the ones behind it ran.
        boolean admitted = request.getDispatcherType() == DispatcherType.REQUEST ? protection.admits(request, request.getServletPath())
                : protection.refusal().isEmpty();
        if (admitted) {
            return;
        }
        HttpServletResponse response = (HttpServletResponse) external.getResponse();
        try {
            response.resetBuffer();
            response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
            response.setContentType("text/plain");
            response.setCharacterEncoding("UTF-8");
            response.setHeader("Cache-Control", "no-store");
            response.setHeader("X-Content-Type-Options", "nosniff");
            response.getWriter().write("This service is unavailable.\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        faces.responseComplete();
    }

    @Override
    public void afterPhase(PhaseEvent event) {
        // nothing after restoring the view
    }
}
