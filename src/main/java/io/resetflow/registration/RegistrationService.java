package io.resetflow.registration;

import io.resetflow.audit.AuditLog;
import io.resetflow.mail.MailOutbox;
import io.resetflow.mail.MailPreparer;
import io.resetflow.mail.MailRequest;
import io.resetflow.mail.Outcome;
import io.resetflow.mail.OutboxJob;
import io.resetflow.mail.RequestNotRecordedException;
import io.resetflow.throttle.Limit;
import io.resetflow.throttle.Throttle;
import io.resetflow.user.EmailAddress;
import io.resetflow.user.EmailAlreadyRegisteredException;
import io.resetflow.user.PasswordRejectedException;
import io.resetflow.user.User;
import io.resetflow.user.UserService;
import io.resetflow.web.ClientInfo;
import io.resetflow.web.LinkSecret;
import io.resetflow.web.PublicLinks;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Registration: an account exists only once its address has been confirmed by a mailed link. Asking answers
 * the same for every address, taken or free, and the owner of a taken address is told by mail instead, so
 * the page tells no one which addresses have accounts.
 */
@ApplicationScoped
public class RegistrationService implements MailPreparer {

    /** The outbox kind of registration requests. */
    static final String KIND = "registration";

    @Inject
    RegistrationTokenStore tokens;

    @Inject
    UserService users;

    @Inject
    MailOutbox outbox;

    @Inject
    RegistrationMails mails;

    @Inject
    PublicLinks links;

    @Inject
    AuditLog audit;

    @Inject
    Throttle throttle;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "registration.token-lifetime-minutes")
    long tokenLifetimeMinutes;

    /**
     * Asks for a registration link. Like forgot-password, the request is committed before this returns, with
     * the same one insert for every address: free, taken or malformed, throttled or not. Afterwards, on any
     * node, a free address gets the link, a taken one a notice to its owner ({@link #prepare}). Limits count
     * per canonical address and per client network.
     *
     * @throws RequestNotRecordedException if the database did not take it; nothing was kept
     */
    public void requestRegistration(String typedEmail, Locale locale, ClientInfo client) {
        Optional<String> canonical = EmailAddress.canonicalIfPlausible(typedEmail);
        Throttle.RequestPlaces places = throttle.takeRequestPlaces(Limit.REGISTRATION_REQUEST_PER_CLIENT, client.network(),
                Limit.REGISTRATION_REQUEST_PER_ACCOUNT, canonical.orElse(""));
        Optional<String> recipient = canonical.map(c -> EmailAddress.asEntered(typedEmail));
        outbox.record(new MailRequest(KIND, canonical, recipient, Optional.of(locale)), client.address(), places.refusedBy(),
                places::giveBack);
    }

    @Override
    public String kind() {
        return KIND;
    }

    /**
     * Right before a request's mail is sent: the link for a free address (its digest stored, the secret only in
     * the mail), the notice for a taken one.
     */
    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public Preparation prepare(OutboxJob request) {
        if (request.canonicalEmail().isEmpty() || request.recipient().isEmpty()) {
            return Preparation.drop(Outcome.IMPLAUSIBLE_ADDRESS);
        }
        String canonicalEmail = request.canonicalEmail().get();
        Locale locale = request.locale().orElse(Locale.ENGLISH);
        Optional<User> account = users.findByCanonicalEmail(canonicalEmail);
        if (account.isPresent()) {
            audit.registrationForTakenAddress(request.id(), account.get().getId());
            return Preparation.send(mails.addressTaken(account.get()));
        }
        String secret = LinkSecret.generate();
        Instant now = clock.instant();
        Duration lifetime = Duration.ofMinutes(tokenLifetimeMinutes);
        String email = request.recipient().get();
        tokens.replace(canonicalEmail, email, locale, LinkSecret.digest(secret), now, now.plus(lifetime));
        audit.registrationLinkIssued(request.id());
        return Preparation.send(mails.confirmAddress(email, locale, links.to(FinishRegistrationBacking.PAGE, secret), lifetime));
    }

    /**
     * Checks a registration link opened by a client; wrong, expired and used links count against the
     * client's limit, taken before the look-up and given back for a usable link.
     */
    public boolean checkLink(Optional<byte[]> digest, ClientInfo client) {
        Optional<Throttle.Permit> permit = throttle.tryAcquire(Map.of(Limit.REGISTRATION_ATTEMPT_PER_CLIENT, client.network()));
        if (permit.isEmpty()) {
            audit.registrationThrottled("attempts", client.address());
            return false;
        }
        boolean usable = digest.isPresent() && tokens.findUsable(digest.get()).isPresent();
        if (usable) {
            permit.get().refund();
        } else {
            audit.registrationFailed("invalid_link", client.address());
        }
        return usable;
    }

    /** The address this link confirms, masked ({@code j•••@example.org}), while it can be used; empty otherwise. */
    public Optional<String> maskedAddressIfUsable(byte[] digest) {
        return digest == null ? Optional.empty() : tokens.findUsable(digest).map(t -> EmailAddress.masked(t.getEmail()));
    }

    /**
     * Creates the account the link confirms, with this name and password, and uses up the link, in one
     * transaction. A rejected password or name leaves the link usable.
     *
     * @return the new account
     * @throws PasswordRejectedException           if the policy rejects the password
     * @throws IllegalArgumentException            if the name is unusable
     * @throws EmailAlreadyRegisteredException     if the address got an account meanwhile
     * @throws InvalidRegistrationLinkException    if the link is unknown, expired or used
     */
    @Transactional
    public User finish(byte[] digest, String displayName, String password, String confirmation, ClientInfo client) {
        Throttle.Permit permit = throttle.tryAcquire(Map.of(Limit.REGISTRATION_ATTEMPT_PER_CLIENT, client.network()))
                .orElseThrow(() -> {
                    audit.registrationThrottled("attempts", client.address());
                    return new InvalidRegistrationLinkException();
                });
        RegistrationToken token = Optional.ofNullable(digest).flatMap(tokens::findUsable).orElseThrow(() -> {
            audit.registrationFailed("invalid_token", client.address());
            return new InvalidRegistrationLinkException();
        });
        User user;
        try {
            user = users.register(token.getEmail(), displayName, password, confirmation, token.getPreferredLocale());
        } catch (PasswordRejectedException | IllegalArgumentException | EmailAlreadyRegisteredException | PersistenceException e) {
            permit.refund();
            throw e;
        }
        if (tokens.claim(digest).isEmpty()) {
            permit.refund();
            audit.registrationFailed("token_claimed_concurrently", client.address());
            throw new InvalidRegistrationLinkException();
        }
        permit.refund();
        audit.registered(user.getId(), client.address());
        return user;
    }
}
