package io.resetflow.mail;

import io.resetflow.user.EmailAddress;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Locale;

/**
 * A row of the outbox as it is written: a ready notice, a request whose mail gets its link when it is
 * sent, or an event for a receiver of the host's. Only ever inserted through JPA; the dispatcher reads and updates rows with SQL on the database's
 * clock ({@link OutboxStore}). Creation and first-attempt times are the database's column defaults.
 */
@Entity
@Table(name = "mail_outbox")
class OutboxMessage {

    static final int SUBJECT_MAX_LENGTH = 200;
    static final int BODY_MAX_LENGTH = 8000;
    static final int ERROR_MAX_LENGTH = 500;
    static final int EVENT_ID_MAX_LENGTH = 64;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, length = 32)
    private String kind;

    @Column(name = "canonical_email", length = EmailAddress.MAX_LENGTH)
    private String canonicalEmail;

    @Column(length = EmailAddress.MAX_LENGTH)
    private String recipient;

    @Column(name = "preferred_locale", length = 35)
    private String preferredLocale;

    @Column(length = SUBJECT_MAX_LENGTH)
    private String subject;

    @Column(length = BODY_MAX_LENGTH)
    private String body;

    @Column(name = "event_id", length = EVENT_ID_MAX_LENGTH)
    private String eventId;

    @Column(name = "finished_at")
    private Instant finishedAt;

    @Column(length = 32)
    private String outcome;

    protected OutboxMessage() {
    }

    static OutboxMessage notice(OutgoingMail mail) {
        OutboxMessage row = new OutboxMessage();
        row.kind = MailRequest.NOTICE;
        row.recipient = mail.recipient();
        row.subject = mail.subject();
        row.body = mail.body();
        row.preferredLocale = mail.locale().toLanguageTag();
        return row;
    }

    /** An event for a receiver of the host's: its kind names its {@link EventSender}; the payload is sent as it is. */
    static OutboxMessage event(String kind, String eventId, String payload) {
        OutboxMessage row = new OutboxMessage();
        row.kind = kind;
        row.eventId = eventId;
        row.body = payload;
        return row;
    }

    static OutboxMessage request(MailRequest request) {
        OutboxMessage row = new OutboxMessage();
        row.kind = request.kind();
        row.canonicalEmail = request.canonicalEmail().orElse(null);
        row.recipient = request.recipient().orElse(null);
        row.preferredLocale = request.locale().map(Locale::toLanguageTag).orElse(null);
        return row;
    }

    /** A request over a rate limit: recorded like any other, finished at once, and never sent. */
    static OutboxMessage throttled(String kind, Instant now) {
        OutboxMessage row = new OutboxMessage();
        row.kind = kind;
        row.finishedAt = now;
        row.outcome = Outcome.THROTTLED;
        return row;
    }

    long getId() {
        return id;
    }

    /** Whether this row waits for the dispatcher; a throttled request is finished when written. */
    boolean isToDeliver() {
        return finishedAt == null;
    }
}
