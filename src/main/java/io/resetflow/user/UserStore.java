package io.resetflow.user;

import io.resetflow.audit.AuditLog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;

/**
 * The account table's short transactions that run apart from the caller's: the in-place upgrade of a
 * stored password hash (the password itself does not change, so sessions stay), and a sample of the stored
 * hashes.
 */
@ApplicationScoped
public class UserStore {

    @PersistenceContext
    EntityManager em;

    @Inject
    AuditLog audit;

    /** How many stored hashes {@link #sampleOfHashes} reads: enough to meet every format and cost a table holds. */
    static final int HASH_SAMPLE = 500;

    /**
     * Some stored hashes, for learning what checking each kind costs: the first and the last accounts by id, as the
     * oldest ones hold the formats and costs of before and the newest those of now.
     */
    public List<String> sampleOfHashes() {
        List<String> sample = new ArrayList<>(em.createQuery("SELECT u.passwordHash FROM User u ORDER BY u.id", String.class)
                .setMaxResults(HASH_SAMPLE / 2).getResultList());
        sample.addAll(em.createQuery("SELECT u.passwordHash FROM User u ORDER BY u.id DESC", String.class)
                .setMaxResults(HASH_SAMPLE / 2).getResultList());
        return sample;
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
