package io.resetflow.user;

import io.resetflow.audit.AuditLog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The account table's short transactions that run apart from the caller's: the in-place upgrade of a
 * stored password hash (the password itself does not change, so sessions stay), and which hash schemes the
 * table holds.
 */
@ApplicationScoped
public class UserStore {

    @PersistenceContext
    EntityManager em;

    @Inject
    AuditLog audit;

    @Inject
    Clock clock;

    /** How long an answer of {@link #holdsHashesOf} is reused: the table is read at most this often per scheme. */
    static final Duration SCHEME_CENSUS_AGE = Duration.ofMinutes(10);

    /** A census answer and when the table was read for it. */
    private record Census(boolean any, Instant readAt) {
    }

    private final Map<PasswordHasher.Scheme, Census> census = new ConcurrentHashMap<>();

    /**
     * Whether any account's hash may be of this scheme, read from the table at most every
     * {@link #SCHEME_CENSUS_AGE}. A stale "yes" only costs a failed sign-in some extra work; a stale "no" cannot
     * arise from sign-ins, since hashes of a scheme that is not configured are only ever replaced, never made.
     */
    public boolean holdsHashesOf(PasswordHasher.Scheme scheme) {
        Instant now = clock.instant();
        Census known = census.get(scheme);
        if (known != null && known.readAt().plus(SCHEME_CENSUS_AGE).isAfter(now)) {
            return known.any();
        }
        boolean any = !em.createQuery(scheme == PasswordHasher.Scheme.ARGON2ID
                        ? "SELECT u.id FROM User u WHERE u.passwordHash LIKE :argon2id"
                        : "SELECT u.id FROM User u WHERE u.passwordHash NOT LIKE :argon2id", Long.class)
                .setParameter("argon2id", Argon2idPasswordHash.PREFIX + "%")
                .setMaxResults(1)
                .getResultList().isEmpty();
        census.put(scheme, new Census(any, now));
        return any;
    }

    /**
     * Replaces the hash only if it is still the one that was verified: a password changed in the
     * meantime is never overwritten with the old one.
     */
    @Transactional
    public void replaceHash(long userId, String verifiedHash, String strongerHash) {
        int updated = em.createQuery("UPDATE User u SET u.passwordHash = :stronger WHERE u.id = :id AND u.passwordHash = :verified")
                .setParameter("stronger", strongerHash)
                .setParameter("id", userId)
                .setParameter("verified", verifiedHash)
                .executeUpdate();
        if (updated == 1) {
            audit.hashUpgraded(userId);
        }
    }
}
