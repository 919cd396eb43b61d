package io.resetflow.mail;

import io.resetflow.user.EmailAddress;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.ResourceBundle;

/**
 * A mail to exactly one recipient: its text, in one language; the HTML version is made from it when it is sent
 * ({@link MailTemplates}). Recipient and subject may not contain line breaks, so nothing typed by anyone can add
 * a header or a second recipient.
 */
public record OutgoingMail(String recipient, String subject, String body, Locale locale) {

    /** A mail in English. */
    public OutgoingMail(String recipient, String subject, String body) {
        this(recipient, subject, body, Locale.ENGLISH);
    }

    public OutgoingMail {
        Objects.requireNonNull(locale, "locale");
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(body, "body");
        if (hasLineBreak(recipient) || hasLineBreak(subject)) {
            throw new IllegalArgumentException("Line break in a mail header");
        }
        if (recipient.indexOf(',') >= 0 || recipient.indexOf(';') >= 0) {
            throw new IllegalArgumentException("More than one recipient");
        }
    }

    /**
     * A mail in this language whose subject and body are the texts {@code key.subject} and {@code key.body} of the
     * bundle (the product's messages in that language), the body a MessageFormat pattern filled with the arguments.
     */
    public static OutgoingMail fromBundle(ResourceBundle bundle, String recipient, Locale locale, String key, Object... arguments) {
        MessageFormat body = new MessageFormat(bundle.getString(key + ".body"), locale);
        return new OutgoingMail(recipient, bundle.getString(key + ".subject"), body.format(arguments), locale);
    }

    private static boolean hasLineBreak(String value) {
        return value.chars().anyMatch(EmailAddress::breaksALine);
    }
}
