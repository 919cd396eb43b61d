package io.resetflow.mail;

import java.util.Locale;
import java.util.Optional;

/**
 * A claimed row of the outbox, as the dispatcher hands it to a worker. Its id is the request id in the audit log.
 * An event (see {@link EventSender}) has its {@code eventId} and its payload as {@code body}.
 */
public record OutboxJob(long id, String kind, Optional<String> canonicalEmail, Optional<String> recipient,
        Optional<Locale> locale, String subject, String body, int attempts, Optional<String> eventId) {

    /** Whether this row is an event for a receiver of the host's rather than a mail. */
    public boolean isEvent() {
        return eventId.isPresent();
    }

    boolean isNotice() {
        return MailRequest.NOTICE.equals(kind);
    }

    /** A notice's mail, as it was written. */
    OutgoingMail notice() {
        return new OutgoingMail(recipient.orElseThrow(), subject, body, locale.orElse(Locale.ENGLISH));
    }
}
