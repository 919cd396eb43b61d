package io.resetflow.registration;

import io.resetflow.auth.SignInService;
import io.resetflow.mail.OutgoingMail;
import io.resetflow.passwordreset.PasswordResetService;
import io.resetflow.user.User;
import io.resetflow.web.Messages;
import io.resetflow.web.PublicLinks;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Locale;

/**
 * The two registration mails. Neither holds a word the requester chose: the address is not proven yet, so a
 * stranger must not be able to make us mail its owner a text of theirs.
 */
@ApplicationScoped
public class RegistrationMails {

    @Inject
    PublicLinks links;

    /** To an address without an account: the link that confirms it and leads on to creating the account. */
    OutgoingMail confirmAddress(String email, Locale locale, String link, Duration lifetime) {
        return OutgoingMail.fromBundle(Messages.bundle(locale), email, locale, "mail.confirm_address", link, lifetime.toMinutes());
    }

    /** To the owner of an address that already has an account: someone tried; no link that changes anything. */
    OutgoingMail addressTaken(User account) {
        return OutgoingMail.fromBundle(Messages.bundle(account.getPreferredLocale()), account.getEmail(), account.getPreferredLocale(), "mail.address_taken",
                account.getDisplayName(), links.to(SignInService.PAGE), links.to(PasswordResetService.FORGOT_PASSWORD_PAGE));
    }
}
