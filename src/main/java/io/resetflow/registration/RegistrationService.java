package io.resetflow.registration;

import io.resetflow.audit.AuditLog;
import io.resetflow.mail.OutboxJob;
import io.resetflow.mail.Outcome;
import io.resetflow.mail.RequestNotRecordedException;
import io.resetflow.mailedlink.InvalidLinkException;
import io.resetflow.mailedlink.LinkMailPreparer;
import io.resetflow.mailedlink.LinkPurpose;
import io.resetflow.mailedlink.MailedLink;
import io.resetflow.mailedlink.MailedLinks;
import io.resetflow.throttle.Limit;
import io.resetflow.user.EmailAlreadyRegisteredException;
import io.resetflow.user.PasswordRejectedException;
import io.resetflow.user.User;
import io.resetflow.user.UserService;
import io.resetflow.web.ClientInfo;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Registration: an account exists only once its address has been confirmed by a mailed link. Asking answers
 * the same for every address, taken or free, and the owner of a taken address is told by mail instead, so
 * the page tells no one which addresses have accounts.
 */
@ApplicationScoped
public class RegistrationService extends LinkMailPreparer {

    /** The purpose of registration links, and the outbox kind of registration requests. */
    static final String PURPOSE = "registration";

    /** The page every registration link opens. */
    static final String PAGE = "/finish-registration";

    @Inject
    MailedLinks links;

    @Inject
    UserService users;

    @Inject
    RegistrationMails mails;

    @Inject
    AuditLog audit;

    @Inject
    @ConfigProperty(name = "registration.token-lifetime-minutes")
    long tokenLifetimeMinutes;

    /** Registration links: single use, working {@code registration.token-lifetime-minutes}, bad ones counted per client. */
    @Override
    @Produces
    protected LinkPurpose link() {
        return new LinkPurpose(PURPOSE, PAGE, Duration.ofMinutes(tokenLifetimeMinutes), Limit.REGISTRATION_ATTEMPT_PER_CLIENT,
                Limit.REGISTRATION_REQUEST_PER_CLIENT, Limit.REGISTRATION_REQUEST_PER_ACCOUNT);
    }

    /**
     * Asks for a registration link, to the address as typed: recorded before this returns, the same for every
     * address, free, taken or malformed ({@link MailedLinks#requestForAddress}). Afterwards, on any node, a free
     * address gets the link, a taken one a notice to its owner ({@link #prepare}).
     *
     * @throws RequestNotRecordedException if the database did not take it; nothing was kept
     */
    public void requestRegistration(String typedEmail, Locale locale, ClientInfo client) {
        links.requestForAddress(link(), typedEmail, locale, client);
    }

    /**
     * Right before a request's mail is sent: the link for a free address (its digest stored, the secret only in
     * the mail), the notice for a taken one.
     */
    @Override
    protected Preparation prepare(OutboxJob request, String canonicalEmail) {
        if (request.recipient().isEmpty()) {
            return Preparation.drop(Outcome.IMPLAUSIBLE_ADDRESS);
        }
        Locale locale = request.locale().orElse(Locale.ENGLISH);
        Optional<User> account = users.findByCanonicalEmail(canonicalEmail);
        if (account.isPresent()) {
            audit.registrationForTakenAddress(request.id(), account.get().getId());
            return Preparation.send(mails.addressTaken(account.get()));
        }
        String email = request.recipient().get();
        LinkPurpose purpose = link();
        String link = links.issue(purpose, canonicalEmail, Optional.empty(), email, locale);
        audit.registrationLinkIssued(request.id());
        return Preparation.send(mails.confirmAddress(email, locale, link, purpose.lifetime()));
    }

    /**
     * Creates the account the link confirms, with this name and password, and uses up the link, in one
     * transaction. A rejected password or name leaves the link usable.
     *
     * @return the new account
     * @throws PasswordRejectedException       if the policy rejects the password
     * @throws IllegalArgumentException        if the name is unusable
     * @throws EmailAlreadyRegisteredException if the address got an account meanwhile
     * @throws InvalidLinkException            if the link is unknown, expired or used
     */
    @Transactional
    public User finish(byte[] digest, String displayName, String password, String confirmation, ClientInfo client) {
        MailedLink link = links.use(link(), digest, client, () -> null).link();
        User user = users.register(link.getEmail(), displayName, password, confirmation, link.getPreferredLocale());
        audit.registered(user.getId(), client.address());
        return user;
    }
}
