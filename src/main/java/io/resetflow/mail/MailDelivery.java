package io.resetflow.mail;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.logging.Logger;

/**
 * Talks to the mail server through the container's mail session (JNDI {@code mail/resetflow}); never builds a
 * session. Every mail goes out as multipart/alternative: its text, and the HTML made from it ({@link MailTemplates}).
 * A worker keeps one {@link Connection} and sends mail after mail over it.
 */
@ApplicationScoped
public class MailDelivery {

    private static final Logger LOG = Logger.getLogger(MailDelivery.class.getName());

    @Resource(lookup = "java:comp/env/mail/resetflow")
    Session session;

    @Inject
    Clock clock;

    @Inject
    MailTemplates templates;

    Connection connection() {
        return new Connection();
    }

    MimeMessage compose(OutgoingMail mail) throws MessagingException {
        MimeMessage message = new MimeMessage(session);
        message.setFrom(); // the session's mail.from, set by the administrator (MAIL_FROM)
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(mail.recipient(), true));
        message.setSubject(mail.subject(), StandardCharsets.UTF_8.name());
        message.setContentLanguage(new String[] {mail.locale().toLanguageTag()});
        // Text first, HTML last: a mail client shows the last version it can display.
        MimeBodyPart text = new MimeBodyPart();
        text.setText(templates.text(mail), StandardCharsets.UTF_8.name());
        MimeBodyPart html = new MimeBodyPart();
        html.setText(templates.html(mail), StandardCharsets.UTF_8.name(), "html");
        message.setContent(new MimeMultipart("alternative", text, html));
        message.setSentDate(Date.from(clock.instant()));
        message.setHeader("Auto-Submitted", "auto-generated");
        message.saveChanges();
        return message;
    }

    /**
     * One SMTP connection, opened at the first mail and kept for the next ones (the session's time-outs bound
     * every step). A connection unused for {@link #IDLE} is not trusted any more and is replaced before the next
     * mail: mail servers and relays close idle connections, some sooner than others. When a kept connection
     * fails anyway (the server dropped it), the same mail is sent again at once on a new one; only a failure on a
     * new connection, or a recipient the server refused, counts as a failed attempt. After any failure the
     * connection is closed.
     */
    class Connection implements AutoCloseable {

        /** How long a connection may go unused and still be used for the next mail. */
        static final Duration IDLE = Duration.ofSeconds(5);

        private Transport transport;
        private long lastUsed;

        void send(OutgoingMail mail) throws MessagingException {
            MimeMessage message = compose(mail);
            if (transport != null && System.nanoTime() - lastUsed > IDLE.toNanos()) {
                close();
            }
            boolean kept = transport != null;
            try {
                sendOnce(message);
            } catch (MessagingException | RuntimeException e) {
                close();
                if (!kept || refusedARecipient(e)) {
                    throw e;
                }
                LOG.info(() -> "Mail: the kept connection to the mail server failed (" + causes(e) + "); sending again on a new one");
                try {
                    sendOnce(message);
                } catch (MessagingException | RuntimeException again) {
                    close();
                    again.addSuppressed(e);
                    throw again;
                }
            }
        }

        private void sendOnce(MimeMessage message) throws MessagingException {
            if (transport == null) {
                transport = session.getTransport();
                transport.connect();
            }
            transport.sendMessage(message, message.getAllRecipients());
            lastUsed = System.nanoTime();
        }

        /** Whether the mail server answered that it will not take a recipient: a new connection changes nothing. */
        private static boolean refusedARecipient(Exception e) {
            return e instanceof SendFailedException refused && refused.getInvalidAddresses() != null
                    && refused.getInvalidAddresses().length > 0;
        }

        @Override
        public void close() {
            if (transport != null) {
                try {
                    transport.close();
                } catch (MessagingException ignored) {
                    // the connection is gone either way
                }
                transport = null;
            }
        }
    }

    /** An exception and each of its causes, class and message, as an operator reads them in the log. */
    static String causes(Throwable e) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (text.length() > 0) {
                text.append(", caused by ");
            }
            text.append(t.getClass().getSimpleName());
            if (t.getMessage() != null) {
                text.append(": ").append(t.getMessage().strip());
            }
        }
        return text.toString();
    }
}
