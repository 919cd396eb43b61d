package io.resetflow.mail;

import java.util.Optional;

/**
 * A feature's part of sending its requests: called by a worker right before the mail goes out, it makes the
 * link (the token's digest is stored, the secret only lives in the returned mail) or decides that nothing
 * is sent. It runs in the transaction {@link OutboxStore#prepare} opens, after the request's address was locked
 * and a superseded request dropped, so it never sees a request a newer one replaced.
 */
public interface MailPreparer {

    /** The {@link MailRequest#kind()} this prepares. */
    String kind();

    /**
     * The mail for this request, or empty with the reason written to the audit log and the outbox; a failure
     * throws, and the request is tried again later.
     */
    Preparation prepare(OutboxJob job);

    /** A mail to send now, or the {@link Outcome} of a request that ends without one. */
    record Preparation(Optional<OutgoingMail> mail, String droppedAs) {

        public static Preparation send(OutgoingMail mail) {
            return new Preparation(Optional.of(mail), null);
        }

        public static Preparation drop(String outcome) {
            return new Preparation(Optional.empty(), outcome);
        }
    }
}
