package io.resetflow.mail;

import io.resetflow.background.Purge;
import io.resetflow.schema.OwnTables;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The dispatcher's reads and writes of the outbox, each in a short transaction of its own (the SMTP
 * conversation happens between them, never inside one). Every lease and retry time is computed by the
 * database ({@code CURRENT_TIMESTAMP}), so nodes with different clocks agree on when a claim has run out.
 * A claim names its node; a node renews the leases of what it is still sending, so a slow mail server never
 * lets a second node take a mail over, while a node that died loses its claims one lease later.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRES_NEW)
public class OutboxStore implements Purge {

    private static final String NOW = "CURRENT_TIMESTAMP(6)";
    private static final String OUTBOX = OwnTables.MAIL_OUTBOX;
    private static final String DUE = "finished_at IS NULL AND next_attempt_at <= " + NOW
            + " AND (lease_until IS NULL OR lease_until < " + NOW + ")";

    /**
     * A request waits while an older one of its kind and address is unfinished: one address's mails leave one
     * after the other, so the newest mail to arrive is always the one with the live link.
     */
    private static final String FIRST_OF_ITS_ADDRESS = "NOT EXISTS (SELECT 1 FROM " + OUTBOX + " p WHERE p.kind = o.kind"
            + " AND p.canonical_email = o.canonical_email AND p.id < o.id AND p.finished_at IS NULL)";

    /**
     * The ids a claim may take, oldest first, up to the limit that follows: read in the order of the outbox's queue
     * index, so a claim reads about as many rows as it takes, however long the backlog.
     */
    static final String DUE_IN_ORDER = "SELECT id FROM " + OUTBOX + " o WHERE " + DUE + " AND " + FIRST_OF_ITS_ADDRESS
            + " ORDER BY id LIMIT ";

    @PersistenceContext
    EntityManager em;

    @Inject
    Event<RowToDeliver> toDeliver;

    /**
     * Inserts a row, committed on its own, and returns its id. The only writer of new rows, with
     * {@link #insertInCallersTransaction}.
     */
    long insert(OutboxMessage row) {
        return write(row);
    }

    /**
     * Inserts a ready mail or an event in the caller's transaction: it exists if and only if what it reports was
     * committed.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void insertInCallersTransaction(OutboxMessage row) {
        write(row);
    }

    /**
     * If the row is to be delivered, the dispatcher of this node is woken once its insert commits (a throttled
     * request, finished when written, gives it nothing to claim).
     */
    private long write(OutboxMessage row) {
        em.persist(row);
        em.flush();
        if (row.isToDeliver()) {
            toDeliver.fire(new RowToDeliver());
        }
        return row.getId();
    }

    /** A row to deliver was written; observed after the commit, to deliver without waiting for the next poll. */
    record RowToDeliver() {
    }

    /**
     * Claims up to {@code max} due rows, oldest first, skipping the ids this node is still working on and
     * requests behind an unfinished older one of their address. A row another claim took first is left to it.
     *
     * @param claim names this claim and its node ({@code node/number}); it is written to {@code claimed_by}
     */
    public List<OutboxJob> claim(String claim, int max, int leaseSeconds, Collection<Long> inFlight) {
        List<Long> due = ids(em.createNativeQuery(DUE_IN_ORDER + "?1")
                .setParameter(1, max + inFlight.size())
                .getResultList());
        due.removeAll(inFlight);
        if (due.isEmpty()) {
            return List.of();
        }
        if (due.size() > max) {
            due = new ArrayList<>(due.subList(0, max));
        }
        String in = due.stream().map(String::valueOf).collect(Collectors.joining(","));
        em.createNativeQuery("UPDATE " + OUTBOX + " SET claimed_by = ?1, lease_until = TIMESTAMPADD(SECOND, ?2, " + NOW + ")"
                        + " WHERE id IN (" + in + ") AND " + DUE)
                .setParameter(1, claim)
                .setParameter(2, leaseSeconds)
                .executeUpdate();
        List<?> rows = em.createNativeQuery("SELECT id, kind, canonical_email, recipient, preferred_locale, subject, body, attempts, event_id"
                        + " FROM " + OUTBOX + " WHERE id IN (" + in + ") AND claimed_by = ?1 AND finished_at IS NULL ORDER BY id")
                .setParameter(1, claim)
                .getResultList();
        List<OutboxJob> jobs = new ArrayList<>(rows.size());
        for (Object row : rows) {
            Object[] c = (Object[]) row;
            jobs.add(new OutboxJob(((Number) c[0]).longValue(), (String) c[1], Optional.ofNullable((String) c[2]),
                    Optional.ofNullable((String) c[3]), Optional.ofNullable((String) c[4]).map(Locale::forLanguageTag),
                    (String) c[5], (String) c[6], ((Number) c[7]).intValue(), Optional.ofNullable((String) c[8])));
        }
        return jobs;
    }

    /**
     * Extends the leases of these rows, which this node is still working on. Every row that ends loses its claim in the
     * same statement, so the claim alone tells an unfinished row: the statement reads the rows by their primary key only,
     * as {@link #finish} does. Asking for {@code finished_at IS NULL} here let the database walk the queue index instead,
     * locking its entries before the rows, while a finish locked its row before that index's entry: a deadlock, seen
     * under 200 requests over 20 addresses.
     */
    public int renewLeases(String node, int leaseSeconds, Collection<Long> ids) {
        String in = ids.stream().map(String::valueOf).collect(Collectors.joining(","));
        return em.createNativeQuery("UPDATE " + OUTBOX + " SET lease_until = TIMESTAMPADD(SECOND, ?1, " + NOW + ")"
                        + " WHERE id IN (" + in + ") AND claimed_by LIKE ?2")
                .setParameter(1, leaseSeconds)
                .setParameter(2, node + "/%")
                .executeUpdate();
    }

    /**
     * Gives back this node's claims that it has not started, so another node (or its restart) sends them at once. By
     * primary key only, as {@link #renewLeases}.
     */
    public int release(String node, Collection<Long> ids) {
        if (ids.isEmpty()) {
            return 0;
        }
        String in = ids.stream().map(String::valueOf).collect(Collectors.joining(","));
        return em.createNativeQuery("UPDATE " + OUTBOX + " SET claimed_by = NULL, lease_until = NULL"
                        + " WHERE id IN (" + in + ") AND claimed_by LIKE ?1")
                .setParameter(1, node + "/%")
                .executeUpdate();
    }

    /**
     * Ends a row: sent, or dropped with its reason. The body (a notice's text) is erased. In the caller's transaction
     * when there is one (a preparation that ends its row without a mail), else in one of its own.
     */
    @Transactional(Transactional.TxType.REQUIRED)
    public void finish(long id, String outcome) {
        em.createNativeQuery("UPDATE " + OUTBOX + " SET finished_at = " + NOW + ", outcome = ?1, body = NULL,"
                        + " claimed_by = NULL, lease_until = NULL, last_error = NULL WHERE id = ?2 AND finished_at IS NULL")
                .setParameter(1, outcome)
                .setParameter(2, id)
                .executeUpdate();
    }

    /**
     * Records a failed attempt: the row is due again {@code delaySeconds} from now (the database's now), or,
     * at the last attempt, given up and its body erased.
     *
     * @return whether it was given up
     */
    public boolean attemptFailed(long id, String error, long delaySeconds, boolean last) {
        String message = error == null ? null : error.substring(0, Math.min(error.length(), OutboxMessage.ERROR_MAX_LENGTH));
        String end = last ? ", finished_at = " + NOW + ", outcome = '" + Outcome.GIVEN_UP + "', body = NULL" : "";
        em.createNativeQuery("UPDATE " + OUTBOX + " SET attempts = attempts + 1, claimed_by = NULL, lease_until = NULL,"
                        + " last_error = ?1, next_attempt_at = TIMESTAMPADD(SECOND, ?2, " + NOW + ")" + end
                        + " WHERE id = ?3 AND finished_at IS NULL")
                .setParameter(1, message)
                .setParameter(2, delaySeconds)
                .setParameter(3, id)
                .executeUpdate();
        return last;
    }

    /** Whether {@link #isSuperseded} locks the requests of the row's kind and address while its transaction lasts. */
    enum Lock {
        /** A look without locking: the check right before sending. */
        NONE,
        /** Locks every request of the kind and address: the check that opens a preparation, in its transaction. */
        ADDRESS
    }

    /**
     * Newest wins, decided here alone: whether a newer request of this row's kind and address exists (a larger id:
     * ids grow with every insert), so this one must end as {@link Outcome#SUPERSEDED}. A notice, or a request for no
     * address, is never superseded. With {@link Lock#ADDRESS} it joins the caller's transaction and keeps every
     * request of the address locked until that ends, so two preparations for one address run one after the other.
     */
    @Transactional(Transactional.TxType.REQUIRED)
    public boolean isSuperseded(OutboxJob job, Lock lock) {
        if (job.isNotice() || job.canonicalEmail().isEmpty()) {
            return false;
        }
        // Locking takes every row of the address (older ones too); the look takes only the newer ones.
        List<Long> ids = ids(em.createNativeQuery("SELECT id FROM " + OUTBOX + " WHERE kind = ?1 AND canonical_email = ?2"
                        + (lock == Lock.ADDRESS ? " FOR UPDATE" : " AND id > " + job.id()))
                .setParameter(1, job.kind())
                .setParameter(2, job.canonicalEmail().get())
                .getResultList());
        return ids.stream().anyMatch(id -> id > job.id());
    }

    /**
     * How many mails are unfinished and how old the oldest of them is, in seconds by the database's clock (zero
     * when there is none). Events wait for a receiver of the host's, whose outage says nothing of this product's
     * health, and are not counted.
     */
    public Backlog backlog() {
        Object[] row = (Object[]) em.createNativeQuery("SELECT COUNT(*), MIN(created_at), LOCALTIMESTAMP(6) FROM " + OUTBOX
                        + " WHERE finished_at IS NULL AND event_id IS NULL")
                .getSingleResult();
        long unfinished = ((Number) row[0]).longValue();
        if (unfinished == 0 || row[1] == null) {
            return new Backlog(0, 0);
        }
        return new Backlog(unfinished, Math.max(0, Duration.between(localDateTime(row[1]), localDateTime(row[2])).toSeconds()));
    }

    /** Unfinished rows of the outbox and the age of the oldest. */
    public record Backlog(long unfinished, long oldestAgeSeconds) {
    }

    private static LocalDateTime localDateTime(Object value) {
        if (value instanceof Timestamp timestamp) {
            return timestamp.toLocalDateTime();
        }
        if (value instanceof OffsetDateTime offset) {
            return offset.toLocalDateTime();
        }
        return (LocalDateTime) value;
    }

    /** How many days a finished record (sent, dropped or given up) is kept, by the database's clock. */
    static final int RETENTION_DAYS = 7;

    @Override
    public String purged() {
        return "finished outbox records";
    }

    /** Deletes records that finished more than {@link #RETENTION_DAYS} days ago, by the database's clock. */
    @Override
    public int purge() {
        return em.createNativeQuery("DELETE FROM " + OUTBOX + " WHERE finished_at < TIMESTAMPADD(DAY, ?1, " + NOW + ")")
                .setParameter(1, -RETENTION_DAYS)
                .executeUpdate();
    }

    private static List<Long> ids(List<?> column) {
        List<Long> ids = new ArrayList<>(column.size());
        for (Object value : column) {
            ids.add(((Number) value).longValue());
        }
        return ids;
    }
}
