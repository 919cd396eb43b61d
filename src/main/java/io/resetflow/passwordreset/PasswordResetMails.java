package io.resetflow.passwordreset;

import io.resetflow.mail.OutgoingMail;
import io.resetflow.user.User;
import io.resetflow.web.ClientInfo;
import io.resetflow.web.Messages;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** The texts of the two reset mails, in the account's preferred language. */
@ApplicationScoped
public class PasswordResetMails {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    OutgoingMail resetLink(User user, String link, Duration lifetime) {
        return compose(user, "mail.reset_link", user.getDisplayName(), link, lifetime.toMinutes());
    }

    /** Reports a completed change: when, and from which client. Carries no link and no secret. */
    OutgoingMail passwordChanged(User user, Instant when, ClientInfo client) {
        return compose(user, "mail.password_changed", user.getDisplayName(), TIME.format(when),
                client.address(), client.userAgent());
    }

    private static OutgoingMail compose(User user, String key, Object... arguments) {
        return OutgoingMail.fromBundle(Messages.bundle(user.getPreferredLocale()), user.getEmail(), user.getPreferredLocale(), key, arguments);
    }
}
