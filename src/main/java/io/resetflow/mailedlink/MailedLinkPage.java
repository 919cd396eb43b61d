package io.resetflow.mailedlink;

import jakarta.annotation.PostConstruct;
import jakarta.faces.context.ExternalContext;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * The page bean behind a mailed link: the digest that {@link MailedLinkFilter} kept in the session, whether
 * the link can still be used, and the masked address it is for, which the page shows. A link that turns out
 * used up or dead is forgotten on the session, and the page gives its calm "invalid or expired" answer.
 */
public abstract class MailedLinkPage {

    @Inject
    protected ExternalContext externalContext;

    @Inject
    protected MailedLinks links;

    /** The address the link is for, masked; empty when the link can no longer be used. */
    private Optional<String> maskedAddress;

    /** What the page's links are for. */
    protected abstract LinkPurpose purpose();

    @PostConstruct
    void checkLink() {
        maskedAddress = links.maskedAddressIfUsable(purpose(), digest());
    }

    /** The digest of the link this session opened; null if none. */
    protected byte[] digest() {
        return (byte[]) externalContext.getSessionMap().get(MailedLinkFilter.sessionAttribute(purpose()));
    }

    /** The link is used, or found dead: forget it on this session. */
    protected void endLink() {
        externalContext.getSessionMap().remove(MailedLinkFilter.sessionAttribute(purpose()));
        maskedAddress = Optional.empty();
    }

    public boolean isUsable() {
        return maskedAddress.isPresent();
    }

    public String getMaskedAddress() {
        return maskedAddress.orElse("");
    }
}
