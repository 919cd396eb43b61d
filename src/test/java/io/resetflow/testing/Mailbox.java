package io.resetflow.testing;

import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;

/** Reads what the SMTP sink received, waiting for mail that is delivered asynchronously. */
public final class Mailbox {

    public static final Duration WAIT = Duration.ofSeconds(30);

    private Mailbox() {
    }

    /** Mails sent to exactly this address so far. */
    public static List<MimeMessage> to(MailSink sink, String recipient) {
        return sink.received().stream().filter(m -> recipients(m).contains(recipient)).toList();
    }

    /** Waits until at least {@code count} mails to this address arrived, and returns them. */
    public static List<MimeMessage> await(MailSink sink, String recipient, int count) {
        return await(sink, recipient, null, count);
    }

    /** Mails to this address with this subject (any subject when null) so far. */
    public static List<MimeMessage> to(MailSink sink, String recipient, String subject) {
        return to(sink, recipient).stream().filter(m -> subject == null || subject.equals(subject(m))).toList();
    }

    /** Waits until at least {@code count} mails to this address with this subject (any when null) arrived. */
    public static List<MimeMessage> await(MailSink sink, String recipient, String subject, int count) {
        Awaitility.await(count + " mail(s) '" + subject + "' to " + recipient)
                .atMost(WAIT)
                .until(() -> to(sink, recipient, subject).size() >= count);
        return to(sink, recipient, subject);
    }

    /** Waits for the first mail to this address with this subject. */
    public static MimeMessage awaitSubject(MailSink sink, String recipient, String subject) {
        return await(sink, recipient, subject, 1).get(0);
    }

    public static String resetLink(MimeMessage mail) {
        return link(mail, "/reset-password");
    }

    /** The link to this page, with its secret, that the mail holds. */
    public static String link(MimeMessage mail, String page) {
        Matcher m = Pattern.compile("https?://\\S+" + Pattern.quote(page) + "\\?token=[A-Za-z0-9_-]+").matcher(body(mail));
        if (!m.find()) {
            throw new AssertionError("No link to " + page + " in:\n" + body(mail));
        }
        return m.group();
    }

    /** The mail's text: its text/plain part (every mail also has an HTML one). */
    public static String body(MimeMessage mail) {
        return part(mail, "text/plain");
    }

    /** The mail's HTML version. */
    public static String html(MimeMessage mail) {
        return part(mail, "text/html");
    }

    /** The content of the first part of this type, however deep; the whole content of a single-part mail of that type. */
    static String part(jakarta.mail.Part part, String type) {
        try {
            if (part.isMimeType(type)) {
                return part.getContent().toString();
            }
            if (part.getContent() instanceof jakarta.mail.Multipart multipart) {
                for (int i = 0; i < multipart.getCount(); i++) {
                    String found = partOrNull(multipart.getBodyPart(i), type);
                    if (found != null) {
                        return found;
                    }
                }
            }
            throw new AssertionError("No " + type + " part in the mail");
        } catch (IOException | MessagingException e) {
            throw new AssertionError(e);
        }
    }

    private static String partOrNull(jakarta.mail.Part part, String type) {
        try {
            return part(part, type);
        } catch (AssertionError e) {
            return null;
        }
    }

    public static String subject(MimeMessage mail) {
        try {
            return mail.getSubject();
        } catch (MessagingException e) {
            throw new AssertionError(e);
        }
    }

    public static List<String> recipients(MimeMessage mail) {
        try {
            Address[] all = mail.getAllRecipients();
            return all == null ? List.of() : Arrays.stream(all).map(Address::toString).toList();
        } catch (MessagingException e) {
            throw new AssertionError(e);
        }
    }

    public static List<String> header(MimeMessage mail, String name) {
        try {
            String[] values = mail.getHeader(name);
            return values == null ? List.of() : List.of(values);
        } catch (MessagingException e) {
            throw new AssertionError(e);
        }
    }

    public static String from(Message mail) {
        try {
            return mail.getFrom()[0].toString();
        } catch (MessagingException e) {
            throw new AssertionError(e);
        }
    }
}
