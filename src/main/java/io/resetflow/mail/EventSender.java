package io.resetflow.mail;

/**
 * Delivers the outbox's events of one kind to a receiver of the host's (a signed webhook, say), called by a worker
 * with a claimed row. The outbox gives it what it gives mail: at least once, retried with back-off while the
 * receiver fails, the same row and {@link OutboxJob#eventId()} on every attempt, and kept through restarts.
 */
public interface EventSender {

    /** The kind of the events this delivers, as {@link MailOutbox#enqueueEvent} wrote them. */
    String kind();

    /**
     * Delivers one event; returns once the receiver took it.
     *
     * @throws Exception if the receiver did not take it; the event is tried again later
     */
    void send(OutboxJob event) throws Exception;
}
