package io.resetflow.mail;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Date;

/** Hands one mail to the container's mail session (JNDI {@code mail/resetflow}); never builds a session. */
@ApplicationScoped
public class MailDelivery {

    @Resource(lookup = "mail/resetflow")
    Session session;

    @Inject
    Clock clock;

    void send(OutgoingMail mail) throws MessagingException {
        MimeMessage message = new MimeMessage(session);
        message.setFrom(); // the session's mail.from, set by the administrator (MAIL_FROM)
        InternetAddress to = new InternetAddress(mail.recipient(), true);
        message.setRecipient(Message.RecipientType.TO, to);
        message.setSubject(mail.subject(), StandardCharsets.UTF_8.name());
        message.setText(mail.body(), StandardCharsets.UTF_8.name());
        message.setSentDate(Date.from(clock.instant()));
        message.setHeader("Auto-Submitted", "auto-generated");
        Transport.send(message);
    }
}
