package io.resetflow.passwordreset;

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
import io.resetflow.user.PasswordRejectedException;
import io.resetflow.user.User;
import io.resetflow.user.UserService;
import io.resetflow.web.ClientInfo;
import io.resetflow.web.LinkSecret;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.metrics.annotation.Timed;

/** The reset flow: asking for a link, checking a link, and setting a new password with it. */
@ApplicationScoped
public class PasswordResetService implements MailPreparer {

    /** The outbox kind of reset requests. */
    static final String KIND = "password_reset";

    @Inject
    PasswordResetTokenStore tokens;

    @Inject
    UserService users;

    @Inject
    MailOutbox outbox;

    @Inject
    PasswordResetMails mails;

    @Inject
    PasswordResetSettings settings;

    @Inject
    AuditLog audit;

    @Inject
    Throttle throttle;

    @Inject
    Clock clock;

    @Inject
    Event<ResetCompleted> completed;

    /** The page where a person asks for a reset link. */
    public static final String FORGOT_PASSWORD_PAGE = "/forgot-password";

    /**
     * Asks for a reset link. The request is committed to the outbox before this returns, with the same one
     * insert for every address: known, unknown or malformed, throttled or not, so neither the answer nor its
     * timing tells them apart. The look-up, the token and the mail happen afterwards, on any node
     * ({@link #prepare}). The limits count per canonical address (whether or not an account has it) and per
     * client network; a request over either is recorded as throttled and never sent.
     *
     * @throws RequestNotRecordedException if the database did not take it; then nothing was kept and no
     *                                     place in a limit was used
     */
    @Timed(name = "resetflow_forgot_password", absolute = true, description = "Time to record a forgot-password request")
    public void requestReset(String typedEmail, ClientInfo client) {
        Optional<String> canonical = EmailAddress.canonicalIfPlausible(typedEmail);
        Throttle.RequestPlaces places = throttle.takeRequestPlaces(Limit.RESET_REQUEST_PER_CLIENT, client.network(),
                Limit.RESET_REQUEST_PER_ACCOUNT, canonical.orElse(""));
        outbox.record(new MailRequest(KIND, canonical, Optional.empty(), Optional.empty()), client.address(), places.refusedBy(),
                places::giveBack);
    }

    @Override
    public String kind() {
        return KIND;
    }

    /**
     * Right before a request's mail is sent: gives the account with its address a new token (replacing any
     * older one) and returns the mail with its link; the secret exists only in that mail. A request for an
     * address without an account is dropped.
     */
    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public Preparation prepare(OutboxJob request) {
        if (request.canonicalEmail().isEmpty()) {
            return Preparation.drop(Outcome.IMPLAUSIBLE_ADDRESS);
        }
        Optional<User> account = users.findByCanonicalEmailForUpdate(request.canonicalEmail().get());
        if (account.isEmpty()) {
            return Preparation.drop(Outcome.UNKNOWN_ADDRESS);
        }
        User user = account.get();
        String secret = LinkSecret.generate();
        Instant now = clock.instant();
        tokens.replace(user.getId(), LinkSecret.digest(secret), now, settings.expiryFor(now));
        audit.resetTokenIssued(request.id(), user.getId());
        return Preparation.send(mails.resetLink(user, settings.linkFor(secret), settings.tokenLifetime()));
    }

    /**
     * Whose password the link with this token digest sets, masked ({@code j•••@example.org}), while the
     * link can still be used; empty otherwise. Never consumes it.
     */
    public Optional<String> maskedAddressIfUsable(byte[] digest) {
        return digest == null ? Optional.empty() : tokens.findAddressIfUsable(digest).map(EmailAddress::masked);
    }

    /**
     * Checks a link opened by a client. Wrong, expired and used links count against the client's limit;
     * a client over it gets "invalid" for every link without a database look-up, so tokens cannot be guessed.
     * The place in the limit is taken before the look-up (and given back for a usable link), so parallel
     * guesses get no more look-ups than sequential ones.
     */
    public boolean checkLink(Optional<byte[]> digest, ClientInfo client) {
        Optional<Throttle.Permit> permit = throttle.tryAcquire(Map.of(Limit.RESET_ATTEMPT_PER_CLIENT, client.network()));
        if (permit.isEmpty()) {
            audit.resetThrottled("attempts", client.address());
            return false;
        }
        boolean usable = digest.isPresent() && tokens.isUsable(digest.get());
        if (usable) {
            permit.get().refund();
        } else {
            audit.resetFailed("invalid_link", client.address());
        }
        return usable;
    }

    /**
     * Sets a new password with a reset link, in one transaction: the token is claimed, the new hash
     * written, and a notification mail queued; every session of the account ends. A password the policy
     * rejects leaves the token usable. The page offers the form only while its token is usable, so a
     * token found unusable here was used, replaced or expired in the meantime; only that counts against
     * the client's attempts. Once committed, the account's sign-in limits (for this client) and its
     * reset-request limit are lifted: its owner has just proven access to the mailbox.
     *
     * @throws PasswordRejectedException  if the policy rejects the password (the token is untouched)
     * @throws InvalidResetTokenException if the token is unknown, expired or used
     */
    @Transactional
    @Timed(name = "resetflow_reset_password", absolute = true, description = "Time to set a new password with a reset link")
    public void resetPassword(byte[] digest, String password, String confirmation, ClientInfo client) {
        Throttle.Permit permit = throttle.tryAcquire(Map.of(Limit.RESET_ATTEMPT_PER_CLIENT, client.network()))
                .orElseThrow(() -> {
                    audit.resetThrottled("attempts", client.address());
                    return new InvalidResetTokenException();
                });
        if (digest == null) {
            throw invalidToken(client);
        }
        // Hashed before the first query: the transaction holds no connection while the hash is computed.
        String hash;
        try {
            hash = users.hashNewPassword(password, confirmation);
        } catch (PasswordRejectedException e) {
            permit.refund();
            audit.resetFailed("password_rejected", client.address());
            throw e;
        }
        if (!tokens.isUsable(digest)) {
            throw invalidToken(client);
        }
        long userId = tokens.claim(digest).orElseThrow(() -> {
            permit.refund();
            audit.resetFailed("token_claimed_concurrently", client.address());
            return new InvalidResetTokenException();
        });
        permit.refund();
        User user = users.changePasswordHash(userId, hash);
        outbox.enqueue(mails.passwordChanged(user, clock.instant(), client));
        completed.fire(new ResetCompleted(user.getCanonicalEmail(), client.network()));
        audit.resetCompleted(user.getId(), client.address());
    }

    /** A reset that committed; observed to lift the account's limits. */
    record ResetCompleted(String canonicalEmail, String clientNetwork) {
    }

    void liftLimits(@Observes(during = TransactionPhase.AFTER_SUCCESS) ResetCompleted reset) {
        throttle.lift(Limit.SIGN_IN_PER_ACCOUNT_AND_CLIENT, Limit.accountAndClient(reset.canonicalEmail(), reset.clientNetwork()));
        throttle.lift(Limit.SIGN_IN_PER_ACCOUNT, reset.canonicalEmail());
        throttle.lift(Limit.RESET_REQUEST_PER_ACCOUNT, reset.canonicalEmail());
    }

    private InvalidResetTokenException invalidToken(ClientInfo client) {
        audit.resetFailed("invalid_token", client.address());
        return new InvalidResetTokenException();
    }
}
