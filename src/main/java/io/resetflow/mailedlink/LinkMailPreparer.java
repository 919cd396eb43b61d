package io.resetflow.mailedlink;

import io.resetflow.mail.MailPreparer;
import io.resetflow.mail.OutboxJob;
import io.resetflow.mail.Outcome;
import jakarta.transaction.Transactional;

/**
 * The outbox's side of a feature that mails links: its requests are of the kind its {@link LinkPurpose} names, and
 * one whose typed text was no address is dropped before the feature sees it.
 */
public abstract class LinkMailPreparer implements MailPreparer {

    /** What the feature's links are; also produced for the link filter to find. */
    protected abstract LinkPurpose link();

    /**
     * The mail for a request for this canonical address: a link made with {@link MailedLinks#issue}, a notice, or
     * a drop with its reason.
     */
    protected abstract Preparation prepare(OutboxJob request, String canonicalEmail);

    @Override
    public String kind() {
        return link().name();
    }

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public Preparation prepare(OutboxJob request) {
        return request.canonicalEmail().map(canonical -> prepare(request, canonical))
                .orElseGet(() -> Preparation.drop(Outcome.IMPLAUSIBLE_ADDRESS));
    }
}
