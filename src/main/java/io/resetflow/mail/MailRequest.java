package io.resetflow.mail;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A request for a mail whose text is made when it is sent: a reset or registration link that must not exist
 * before then. Its feature's {@link MailPreparer} of the same kind turns it into a mail, or drops it.
 *
 * @param kind           which feature prepares it ({@link MailPreparer#kind()})
 * @param canonicalEmail whose request it is; a newer request of the same kind and address supersedes it.
 *                       Empty when the typed text was no address.
 * @param recipient      the address to write to, when the request fixes it (registration); otherwise the
 *                       preparer finds it
 * @param locale         the language asked in, when the request fixes it
 */
public record MailRequest(String kind, Optional<String> canonicalEmail, Optional<String> recipient, Optional<Locale> locale) {

    /** Kind of a ready-made mail, written whole by {@link MailOutbox#enqueue}. */
    static final String NOTICE = "notice";

    public MailRequest {
        Objects.requireNonNull(kind, "kind");
        if (NOTICE.equals(kind)) {
            throw new IllegalArgumentException("A notice is enqueued whole");
        }
        recipient.ifPresent(r -> new OutgoingMail(r, "", ""));
    }
}
