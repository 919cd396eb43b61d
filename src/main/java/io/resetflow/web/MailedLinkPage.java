package io.resetflow.web;

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

    /** The address the link is for, masked; empty when the link can no longer be used. */
    private Optional<String> maskedAddress;

    /** The session attribute the link filter keeps the digest in. */
    protected abstract String sessionAttribute();

    /** The masked address of the link with this digest (null when the session has none), if usable. */
    protected abstract Optional<String> maskedAddressIfUsable(byte[] digest);

    @PostConstruct
    void checkLink() {
        maskedAddress = maskedAddressIfUsable(digest());
    }

    protected byte[] digest() {
        return (byte[]) externalContext.getSessionMap().get(sessionAttribute());
    }

    /** The link is used, or found dead: forget it on this session. */
    protected void endLink() {
        externalContext.getSessionMap().remove(sessionAttribute());
        maskedAddress = Optional.empty();
    }

    public boolean isUsable() {
        return maskedAddress.isPresent();
    }

    public String getMaskedAddress() {
        return maskedAddress.orElse("");
    }
}
