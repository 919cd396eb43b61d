package io.resetflow.mail;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Date;

/**
 * Talks to the mail server through the container's mail session (JNDI {@code mail/resetflow}); never builds a
 * session. Every mail goes out as multipart/alternative: its text, and the HTML made from it ({@link MailTemplates}).
 * A worker keeps one {@link Connection} and sends mail after mail over it.
 */
@ApplicationScoped
public class MailDelivery {

    @Resource(lookup = "mail/resetflow")
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
        text.setText(mail.body(), StandardCharsets.UTF_8.name());
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
     * every step). After any failure it is closed, and the next mail opens a new one.
     */
    class Connection implements AutoCloseable {

        private Transport transport;

        void send(OutgoingMail mail) throws MessagingException {
            MimeMessage message = compose(mail);
            try {
                if (transport == null) {
                    transport = session.getTransport();
                    transport.connect();
                }
                transport.sendMessage(message, message.getAllRecipients());
            } catch (MessagingException | RuntimeException e) {
                close();
                throw e;
            }
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
}
