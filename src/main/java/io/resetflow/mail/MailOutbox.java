package io.resetflow.mail;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;

/**
 * The only way the product sends mail. A notice is written whole inside the caller's transaction, so it exists
 * if and only if what it reports was committed. A request is committed on its own before the page answers:
 * once the person reads "on its way", the request survives a crash, a redeploy or an outage. Delivery happens
 * afterwards, on any node, by {@link OutboxDispatcher}.
 */
@ApplicationScoped
public class MailOutbox {

    @PersistenceContext
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    Event<MailEnqueued> enqueued;

    /** Writes a ready mail (it carries no secret) in the caller's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void enqueue(OutgoingMail mail) {
        if (mail.body().length() > OutboxMessage.BODY_MAX_LENGTH
                || mail.subject().length() > OutboxMessage.SUBJECT_MAX_LENGTH) {
            throw new IllegalArgumentException("Mail too large for the outbox");
        }
        em.persist(OutboxMessage.notice(mail));
        enqueued.fire(new MailEnqueued());
    }

    /**
     * Commits the request, in a transaction of its own, and returns its id.
     *
     * @throws RuntimeException if the database did not take it; then nothing was stored
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public long accept(MailRequest request) {
        return insert(OutboxMessage.request(request));
    }

    /**
     * Commits the record of a request over a rate limit: the same one insert as {@link #accept}, so a throttled
     * request costs what any other does, and never sent.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public long recordThrottled(String kind) {
        return insert(OutboxMessage.throttled(kind, clock.instant()));
    }

    private long insert(OutboxMessage row) {
        em.persist(row);
        em.flush();
        enqueued.fire(new MailEnqueued());
        return row.getId();
    }

    /** Fired when a row was written; observed after the commit to deliver without waiting for the poll. */
    public record MailEnqueued() {
    }
}
