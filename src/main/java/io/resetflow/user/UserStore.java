package io.resetflow.user;

import io.resetflow.audit.AuditLog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

/**
 * The account table's short transactions that run apart from the caller's: the in-place upgrade of a
 * stored password hash. The password itself does not change, so sessions stay.
 */
@ApplicationScoped
public class UserStore {

    @PersistenceContext
    EntityManager em;

    @Inject
    AuditLog audit;

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
