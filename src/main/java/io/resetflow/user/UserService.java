package io.resetflow.user;

import io.resetflow.background.ApplicationStart;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Accounts: registration, look-up by e-mail, credential checks and password changes. */
@ApplicationScoped
public class UserService {

    private static final Logger LOG = Logger.getLogger(UserService.class.getName());

    @PersistenceContext
    EntityManager em;

    @Inject
    PasswordHasher hasher;

    @Inject
    PasswordPolicy policy;

    @Inject
    Event<PasswordChanged> passwordChanged;

    @Inject
    Clock clock;

    @Inject
    UserStore userStore;

    /**
     * Learns, once the application has started, what checking each kind of stored hash costs, so that failed
     * sign-ins are held long enough from the first one on. A database that does not answer yet only leaves the
     * learning to the sign-ins themselves.
     */
    void learnHashCosts(@Observes ApplicationStart.Started started) {
        try {
            hasher.learnCosts(userStore.sampleOfHashes());
        } catch (PersistenceException unavailable) {
            LOG.log(Level.WARNING, "Could not read stored password hashes at start; the cost of checking them is learnt"
                    + " from sign-ins: {0}", unavailable.getMessage());
        }
    }

    /**
     * Creates an account. The password is checked against the policy before it is hashed; every password is
     * checked, hashed and compared in one Unicode form ({@link PasswordText}).
     *
     * @throws EmailAlreadyRegisteredException if the canonical address is taken
     * @throws PasswordRejectedException       if the policy rejects the password
     * @throws IllegalArgumentException        if the address or the display name is unusable
     */
    @Transactional
    public User register(String email, String displayName, String password, String confirmation, Locale locale) {
        String canonical = EmailAddress.canonicalIfPlausible(email)
                .filter(c -> c.length() <= User.EMAIL_MAX_LENGTH)
                .orElseThrow(() -> new IllegalArgumentException("Implausible e-mail address"));
        String name = DisplayName.clean(displayName)
                .orElseThrow(() -> new IllegalArgumentException("Unusable display name"));
        String normalized = PasswordText.normalized(password);
        policy.require(normalized, PasswordText.normalized(confirmation));
        if (findByCanonicalEmail(canonical).isPresent()) {
            throw new EmailAlreadyRegisteredException();
        }
        User user = new User(EmailAddress.asEntered(email), canonical, name,
                hasher.hash(normalized.toCharArray()), locale, clock.instant());
        em.persist(user);
        em.flush(); // a concurrent registration of the same address fails here, on the unique index
        return user;
    }

    public Optional<User> findByCanonicalEmail(String canonicalEmail) {
        return usable(em.createNamedQuery(User.FIND_BY_CANONICAL_EMAIL, User.class)
                .setParameter("canonicalEmail", canonicalEmail)
                .setMaxResults(2)
                .getResultList());
    }

    public Optional<User> findById(long id) {
        return Optional.ofNullable(em.find(User.class, id));
    }

    /** Locks the account row until the transaction ends; serialises work on one account. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<User> findByCanonicalEmailForUpdate(String canonicalEmail) {
        return usable(em.createNamedQuery(User.FIND_BY_CANONICAL_EMAIL, User.class)
                .setParameter("canonicalEmail", canonicalEmail)
                // No row limit: H2 refuses one after FOR UPDATE, and an address names one row or a few.
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultList());
    }

    /**
     * The one account an address names, if it is enabled. The product's own table holds each canonical address
     * once; a host's table compares under its column's collation and may hold one address twice (in two cases
     * under a case-sensitive collation): then no account is used, rather than a guess at whose it is. (A disabled
     * account is not read at all: {@link AccountTableMapping}.)
     */
    private Optional<User> usable(List<User> found) {
        if (found.size() > 1) {
            LOG.warning("Two accounts answer one address: neither gets a link (make the accounts' address column unique)");
            return Optional.empty();
        }
        return found.stream().findFirst();
    }

    /**
     * Checks an e-mail and password. A failure lasts as long whether or not the account exists and whatever
     * its stored hash's format and cost (see {@link PasswordHasher#evenOutFailure}). A matching password stored
     * in another format than the write format, or with weaker parameters, is hashed again.
     *
     * @return the account if the password matches
     */
    public Optional<User> authenticate(String email, String password) {
        if (password == null || password.length() > PasswordPolicy.MAX_INPUT_LENGTH) {
            return Optional.empty();
        }
        long started = System.nanoTime();
        Optional<User> user = EmailAddress.canonicalIfPlausible(email).flatMap(this::findByCanonicalEmail);
        Optional<String> stored = user.map(User::getPasswordHash);
        char[] candidate = PasswordText.normalized(password).toCharArray();
        boolean matches = stored.isPresent() ? hasher.verify(candidate, stored.get()) : hasher.verifyAgainstDecoy(candidate);
        if (!matches) {
            hasher.evenOutFailure(started);
            return Optional.empty();
        }
        if (hasher.needsRehash(stored.get())) {
            userStore.replaceHash(user.get().getId(), stored.get(), hasher.hash(candidate));
        }
        return user;
    }

    /**
     * Sets a new password hash (already checked against the policy and hashed by the caller, outside the
     * transaction) and ends every session signed in under the old one. Must run inside the caller's
     * transaction so that it commits or rolls back with whatever authorised the change.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public User changePasswordHash(long userId, String newHash) {
        User user = em.find(User.class, userId, LockModeType.PESSIMISTIC_WRITE);
        if (user == null) {
            throw new IllegalStateException("No account " + userId);
        }
        Instant changedAt = clock.instant();
        user.changePasswordHash(newHash, changedAt);
        passwordChanged.fire(new PasswordChanged(userId, changedAt));
        return user;
    }

    /** Hashes a new password with the configured parameters after checking it against the policy. */
    public String hashNewPassword(String password, String confirmation) {
        String normalized = PasswordText.normalized(password);
        policy.require(normalized, PasswordText.normalized(confirmation));
        return hasher.hash(normalized.toCharArray());
    }
}
