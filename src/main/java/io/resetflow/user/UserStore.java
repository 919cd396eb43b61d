package io.resetflow.user;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.logging.Logger;

/**
 * The account table's short transactions that run apart from the caller's: the in-place upgrade of a
 * stored password hash. The password itself does not change, so sessions stay.
 */
@ApplicationScoped
public class UserStore {

    private static final Logger LOG = Logger.getLogger(UserStore.class.getName());

    @PersistenceContext
    EntityManager em;

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
            LOG.info(() -> "Password hash of user " + userId + " upgraded to the configured parameters");
        }
    }
}
