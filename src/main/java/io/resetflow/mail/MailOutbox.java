package io.resetflow.mail;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;

/**
 * The only way the product sends mail: {@link #enqueue} writes the mail into the outbox inside the
 * caller's transaction, so it exists if and only if what it reports was committed. Delivery happens
 * later, off the request path, by {@link OutboxDispatcher}.
 */
@ApplicationScoped
public class MailOutbox {

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    Event<MailEnqueued> enqueued;

    @Transactional(Transactional.TxType.MANDATORY)
    public void enqueue(OutgoingMail mail) {
        if (mail.body().length() > OutboxMessage.BODY_MAX_LENGTH
                || mail.subject().length() > OutboxMessage.SUBJECT_MAX_LENGTH) {
            throw new IllegalArgumentException("Mail too large for the outbox");
        }
        em.persist(new OutboxMessage(mail, clock.instant()));
        enqueued.fire(new MailEnqueued());
    }

    /** Fired when a mail was enqueued; observed after the commit to deliver without waiting for the poll. */
    public record MailEnqueued() {
    }
}
