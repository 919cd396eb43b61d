package io.resetflow.mail;

import io.resetflow.audit.AuditLog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.Optional;

/**
 * The only way the product sends mail, or tells a receiver of the host's of an event. A notice or an event is written whole inside the caller's transaction, so it exists
 * if and only if what it reports was committed. A request is committed on its own before the page answers:
 * once the person reads "on its way", the request survives a crash, a redeploy or an outage. Delivery happens
 * afterwards, on any node, by {@link OutboxDispatcher}.
 */
@ApplicationScoped
public class MailOutbox {

    @Inject
    Clock clock;

    @Inject
    OutboxStore store;

    @Inject
    AuditLog audit;

    /** Writes a ready mail (it carries no secret) in the caller's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void enqueue(OutgoingMail mail) {
        if (mail.body().length() > OutboxMessage.BODY_MAX_LENGTH
                || mail.subject().length() > OutboxMessage.SUBJECT_MAX_LENGTH) {
            throw new IllegalArgumentException("Mail too large for the outbox");
        }
        store.insertInCallersTransaction(OutboxMessage.notice(mail));
    }

    /**
     * Writes an event for a receiver of the host's in the caller's transaction: it exists if and only if what it
     * reports was committed, and is delivered at least once, with the same {@code eventId} on every attempt, by the
     * {@link EventSender} of its kind.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void enqueueEvent(String kind, String eventId, String payload) {
        if (eventId.isEmpty() || eventId.length() > OutboxMessage.EVENT_ID_MAX_LENGTH || payload.length() > OutboxMessage.BODY_MAX_LENGTH) {
            throw new IllegalArgumentException("Event id or payload too large for the outbox");
        }
        store.insertInCallersTransaction(OutboxMessage.event(kind, eventId, payload));
    }

    /**
     * Commits a request, in a transaction of its own, and writes its audit line ({@code <kind>.requested},
     * {@code <kind>.throttled} or {@code <kind>.not_recorded}). The feature has decided on its rate limits: a
     * request over one is recorded as throttled, finished at once and never sent. Either way it is the same one
     * insert, so a throttled request costs what any other does.
     *
     * @param overLimit     the limit the feature refused the request by ({@code client}, {@code account}), if any
     * @param ifNotRecorded what to undo when the database did not take the request (give back its places in the
     *                      limits, say)
     * @throws RequestNotRecordedException if the database did not take it; then nothing was stored
     */
    public void record(MailRequest request, String clientAddress, Optional<String> overLimit, Runnable ifNotRecorded) {
        long id;
        try {
            id = store.insert(overLimit.isEmpty() ? OutboxMessage.request(request) : OutboxMessage.throttled(request.kind(), clock.instant()));
        } catch (RuntimeException e) {
            ifNotRecorded.run();
            audit.requestNotRecorded(request.kind(), clientAddress);
            throw new RequestNotRecordedException(e);
        }
        overLimit.ifPresentOrElse(limit -> audit.requestThrottled(request.kind(), id, limit, clientAddress),
                () -> audit.requestRecorded(request.kind(), id, clientAddress));
    }
}
