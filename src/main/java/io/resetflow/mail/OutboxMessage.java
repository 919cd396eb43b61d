package io.resetflow.mail;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A mail waiting to be delivered, written in the same transaction as whatever it reports. After
 * delivery the body is erased (it may hold a reset link); the row stays as a record until purged.
 */
@Entity
@Table(name = "mail_outbox")
public class OutboxMessage {

    public static final int SUBJECT_MAX_LENGTH = 200;
    public static final int BODY_MAX_LENGTH = 8000;
    public static final int ERROR_MAX_LENGTH = 500;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, length = OutgoingMail.ADDRESS_MAX_LENGTH)
    private String recipient;

    @Column(nullable = false, length = SUBJECT_MAX_LENGTH)
    private String subject;

    @Column(length = BODY_MAX_LENGTH)
    private String body;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "next_attempt_at", nullable = false)
    private Instant nextAttemptAt;

    @Column(nullable = false)
    private int attempts;

    @Column(name = "sent_at")
    private Instant sentAt;

    @Column(name = "failed_at")
    private Instant failedAt;

    @Column(name = "last_error", length = ERROR_MAX_LENGTH)
    private String lastError;

    protected OutboxMessage() {
    }

    OutboxMessage(OutgoingMail mail, Instant now) {
        this.recipient = mail.recipient();
        this.subject = mail.subject();
        this.body = mail.body();
        this.createdAt = now;
        this.nextAttemptAt = now;
    }

    OutgoingMail toMail() {
        return new OutgoingMail(recipient, subject, body);
    }

    void delivered(Instant now) {
        sentAt = now;
        body = null;
        lastError = null;
    }

    /** Records a failed attempt; gives up (and erases the body) after {@code maxAttempts}. */
    void attemptFailed(String error, Instant nextAttempt, int maxAttempts, Instant now) {
        attempts++;
        lastError = error == null ? null : error.substring(0, Math.min(error.length(), ERROR_MAX_LENGTH));
        nextAttemptAt = nextAttempt;
        if (attempts >= maxAttempts) {
            failedAt = now;
            body = null;
        }
    }

    public Long getId() {
        return id;
    }

    int getAttempts() {
        return attempts;
    }

    boolean isFailed() {
        return failedAt != null;
    }
}
