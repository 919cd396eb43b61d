package io.resetflow.web;

import jakarta.faces.FacesException;
import jakarta.faces.application.ViewHandler;
import jakarta.faces.application.ViewHandlerWrapper;
import jakarta.faces.component.UIViewRoot;
import jakarta.faces.context.FacesContext;
import jakarta.faces.render.ResponseStateManager;
import jakarta.faces.view.ViewDeclarationLanguage;
import java.io.IOException;

/**
 * A visitor without a session (not signed in, no mailed link opened) gets stateless pages: nothing is kept on the
 * server for a page view, so a flood of views costs no memory, and a form's post needs nothing from an earlier
 * request. A visitor with a session keeps the view state Faces checks on every post, on top of
 * {@link CrossSiteFormFilter}, which guards every post either way.
 * <p>
 * Decided when the view is created, before anything (PrimeFaces' nonce, say) would open a session to keep the
 * view's state in; a post of a stateless page is answered statelessly too, even if a session began meanwhile. Only
 * the pages that serve visitors without a session take a stateless post at all ({@link BadRequestFilter}).
 * Faces rebuilds a stateless page for its post only if the page says it is stateless; as the layout's
 * {@code <f:view>} cannot know the rule, that rebuild is done here, with the views this handler creates.
 * <p>
 * PrimeFaces keeps a stateful page's CSP nonce in its view state and checks the posted one against it; for a
 * stateless page it takes the posted nonce (checked for its form) into the answer. As only our own pages can post
 * ({@link CrossSiteFormFilter}), that is the nonce this browser received with the page, not one another site chose.
 */
public class StatelessViews extends ViewHandlerWrapper {

    static final String STATELESS = "stateless";

    public StatelessViews(ViewHandler wrapped) {
        super(wrapped);
    }

    @Override
    public UIViewRoot createView(FacesContext context, String viewId) {
        UIViewRoot view = super.createView(context, viewId);
        if (view != null) {
            view.setTransient(context.getExternalContext().getSession(false) == null || isStatelessPost(context));
        }
        return view;
    }

    @Override
    public UIViewRoot restoreView(FacesContext context, String viewId) {
        if (!isStatelessPost(context)) {
            return super.restoreView(context, viewId);
        }
        // What Faces does for a post of a page that declares itself stateless.
        context.setProcessingEvents(true);
        UIViewRoot view = createView(context, viewId);
        context.setViewRoot(view);
        ViewDeclarationLanguage pages = getViewDeclarationLanguage(context, view.getViewId());
        try {
            pages.buildView(context, view);
        } catch (IOException e) {
            throw new FacesException(e);
        }
        return view;
    }

    private static boolean isStatelessPost(FacesContext context) {
        return STATELESS.equals(context.getExternalContext().getRequestParameterMap().get(ResponseStateManager.VIEW_STATE_PARAM));
    }
}
