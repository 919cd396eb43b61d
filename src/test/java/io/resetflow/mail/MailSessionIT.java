package io.resetflow.mail;

import static org.assertj.core.api.Assertions.assertThat;

import io.resetflow.testing.Accounts;
import io.resetflow.testing.Mailbox;
import io.resetflow.testing.ServerExtension;
import io.resetflow.testing.TestServer;
import io.resetflow.testing.WebClient;
import jakarta.mail.internet.MimeMessage;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Mail leaves through the container's mail session and reaches a real SMTP server. */
@ExtendWith(ServerExtension.class)
class MailSessionIT {

    @Test
    void mailArrivesAtTheSmtpServerFromTheConfiguredSender(TestServer server) {
        String email = Accounts.register(server, "mail-session");
        WebClient web = new WebClient(server);
        web.submit(web.get("/forgot-password"), "forgot", Map.of("email", email));

        MimeMessage mail = Mailbox.awaitSubject(server.mail(), email, "Set a new password");
        assertThat(Mailbox.from(mail)).isEqualTo("ResetFlow <no-reply@resetflow.test>");
        assertThat(Mailbox.recipients(mail)).containsExactly(email);
        assertThat(Mailbox.subject(mail)).isEqualTo("Set a new password");
    }
}
