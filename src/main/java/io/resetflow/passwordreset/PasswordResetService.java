package io.resetflow.passwordreset;

import io.resetflow.audit.AuditLog;
import io.resetflow.mail.MailOutbox;
import io.resetflow.mail.OutboxJob;
import io.resetflow.mail.Outcome;
import io.resetflow.mail.RequestNotRecordedException;
import io.resetflow.mailedlink.InvalidLinkException;
import io.resetflow.mailedlink.LinkMailPreparer;
import io.resetflow.mailedlink.LinkPurpose;
import io.resetflow.mailedlink.MailedLinks;
import io.resetflow.throttle.Limit;
import io.resetflow.throttle.Throttle;
import io.resetflow.user.PasswordRejectedException;
import io.resetflow.user.User;
import io.resetflow.user.UserService;
import io.resetflow.web.ClientInfo;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.annotation.Timed;

/** The reset flow: asking for a link, checking a link, and setting a new password with it. */
@ApplicationScoped
public class PasswordResetService extends LinkMailPreparer {

    @Inject
    MailedLinks links;

    @Inject
    UserService users;

    @Inject
    MailOutbox outbox;

    @Inject
    PasswordResetMails mails;

    @Inject
    @ConfigProperty(name = "password-reset.token-lifetime-minutes")
    long tokenLifetimeMinutes;

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

    /** The purpose of reset links, and the outbox kind of reset requests. */
    static final String PURPOSE = "password_reset";

    /** The page every reset link opens. */
    static final String PAGE = "/reset-password";

    /** Reset links: single use, working {@code password-reset.token-lifetime-minutes}, bad ones counted per client. */
    @Override
    @Produces
    protected LinkPurpose link() {
        return new LinkPurpose(PURPOSE, PAGE, Duration.ofMinutes(tokenLifetimeMinutes), Limit.RESET_ATTEMPT_PER_CLIENT,
                Limit.RESET_REQUEST_PER_CLIENT, Limit.RESET_REQUEST_PER_ACCOUNT);
    }

    /**
     * Asks for a reset link: recorded before this returns, the same for every address ({@link
     * MailedLinks#requestForAccount}); the look-up, the link and the mail happen afterwards, on any node
     * ({@link #prepare}).
     *
     * @throws RequestNotRecordedException if the database did not take it; then nothing was kept
     */
    @Timed(name = "resetflow_forgot_password", absolute = true, description = "Time to record a forgot-password request")
    public void requestReset(String typedEmail, ClientInfo client) {
        links.requestForAccount(link(), typedEmail, client);
    }

    /**
     * Right before a request's mail is sent: gives the account with its address a new link (replacing any
     * older one) and returns the mail that carries it; the secret exists only in that mail. A request for an
     * address without an account is dropped.
     */
    @Override
    protected Preparation prepare(OutboxJob request, String canonicalEmail) {
        Optional<User> account = users.findByCanonicalEmailForUpdate(canonicalEmail);
        if (account.isEmpty()) {
            return Preparation.drop(Outcome.UNKNOWN_ADDRESS);
        }
        User user = account.get();
        LinkPurpose purpose = link();
        String link = links.issue(purpose, user.getCanonicalEmail(), Optional.of(user.getId()), user.getEmail(), user.getPreferredLocale());
        audit.resetTokenIssued(request.id(), user.getId());
        return Preparation.send(mails.resetLink(user, link, purpose.lifetime()));
    }

    /**
     * Sets a new password with a reset link, in one transaction: the link is used, the new hash written, and a
     * notification mail queued; every session of the account ends. A password the policy rejects leaves the
     * link usable; the password is hashed before the link is looked up, so no connection waits on the hash.
     * Once committed, the account's sign-in limits (for this client) and its reset-request limit are lifted:
     * its owner has just proven access to the mailbox.
     *
     * @throws PasswordRejectedException if the policy rejects the password (the link is untouched)
     * @throws InvalidLinkException      if the link is unknown, expired or used
     */
    @Transactional
    @Timed(name = "resetflow_reset_password", absolute = true, description = "Time to set a new password with a reset link")
    public void resetPassword(byte[] digest, String password, String confirmation, ClientInfo client) {
        MailedLinks.Used<String> used = links.use(link(), digest, client, () -> {
            try {
                return users.hashNewPassword(password, confirmation);
            } catch (PasswordRejectedException e) {
                audit.linkFailed(PURPOSE, "password_rejected", client.address());
                throw e;
            }
        });
        long userId = used.link().getAccountId().orElseThrow(InvalidLinkException::new);
        User user = users.changePasswordHash(userId, used.checked());
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
}
