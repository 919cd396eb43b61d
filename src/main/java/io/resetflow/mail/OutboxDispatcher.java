package io.resetflow.mail;

import io.resetflow.audit.AuditLog;
import io.resetflow.background.ApplicationStart;
import io.resetflow.background.RepeatingTasks;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Delivers the outbox from every node. One claimer thread takes due rows in batches (the moment a request
 * commits on this node, otherwise every {@code mail.outbox.poll-seconds}) and hands them to
 * {@code mail.outbox.workers} workers, each sending over an SMTP connection it keeps between mails. A
 * reset or registration request gets its link from its feature's {@link MailPreparer} right before it is sent,
 * so no link waits anywhere. While a node works on a row it renews the row's lease; a row whose node died
 * is due again one lease later. Threads come from the container's managed thread factory.
 */
@ApplicationScoped
public class OutboxDispatcher {

    private static final Logger LOG = Logger.getLogger(OutboxDispatcher.class.getName());

    /** A worker without work this long closes its connection (see {@link MailDelivery.Connection#IDLE}). */
    private static final long IDLE_MILLIS = MailDelivery.Connection.IDLE.toMillis();

    /** Tries at marking a sent mail as sent, about a minute's worth, while the database is away. */
    private static final int FINISH_ATTEMPTS = 12;

    /** This node's name in the claims it makes: {@code node/claim-number}, so a claim names its node and itself. */
    private final String node = UUID.randomUUID().toString().substring(0, 8);
    private final AtomicLong claims = new AtomicLong();
    private final BlockingQueue<OutboxJob> work = new LinkedBlockingQueue<>();
    private final Set<Long> inFlight = ConcurrentHashMap.newKeySet();
    private final BlockingQueue<Boolean> wakeUp = new ArrayBlockingQueue<>(1);
    final Map<String, MailPreparer> preparers = new HashMap<>();
    volatile boolean running;
    private volatile boolean claiming;
    private ExecutorService threads;

    @Inject
    OutboxStore store;

    @Inject
    MailDelivery delivery;

    @Inject
    @Any
    Instance<MailPreparer> preparerBeans;

    @Inject
    AuditLog audit;

    @Inject
    RepeatingTasks tasks;

    @Resource
    ManagedThreadFactory threadFactory;

    @Inject
    @ConfigProperty(name = "mail.outbox.poll-seconds")
    int pollSeconds;

    @Inject
    @ConfigProperty(name = "mail.outbox.workers")
    int workers;

    @Inject
    @ConfigProperty(name = "mail.outbox.batch-size")
    int batchSize;

    @Inject
    @ConfigProperty(name = "mail.outbox.lease-seconds")
    int leaseSeconds;

    @Inject
    @ConfigProperty(name = "mail.retry.initial-delay-seconds")
    long initialDelaySeconds;

    @Inject
    @ConfigProperty(name = "mail.retry.max-delay-seconds")
    long maxDelaySeconds;

    @Inject
    @ConfigProperty(name = "mail.retry.max-attempts")
    int maxAttempts;

    void start(@Observes ApplicationStart.Started applicationStarted) {
        preparerBeans.forEach(p -> preparers.put(p.kind(), p));
        running = true;
        threads = Executors.newFixedThreadPool(workers + 1, threadFactory);
        threads.execute(this::claimLoop);
        for (int i = 0; i < workers; i++) {
            threads.execute(this::workLoop);
        }
        // Three renewals per lease: one may fail (a busy database) without the claim running out.
        tasks.every(Duration.ofMillis(leaseSeconds * 1000L / 3), "Outbox lease renewal", this::renewLeases);
        LOG.info(() -> "Mail outbox: node " + node + ", " + workers + " workers, lease " + leaseSeconds + " s");
    }

    void afterCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) OutboxStore.RowToDeliver event) {
        wake();
    }

    private void wake() {
        wakeUp.offer(Boolean.TRUE);
    }

    /** Whether this node's claimer is running: it stops only with the application, or if something killed it. */
    public boolean isAlive() {
        return claiming;
    }

    /** Claims while there is room: at most two batches per worker waiting or in progress on this node. */
    private void claimLoop() {
        claiming = true;
        try {
            claimWhileRunning();
        } finally {
            claiming = false;
        }
    }

    private void claimWhileRunning() {
        while (running) {
            int room = workers * batchSize * 2 - inFlight.size();
            int claimed = 0;
            if (room > 0) {
                try {
                    String claim = node + "/" + claims.incrementAndGet();
                    List<OutboxJob> jobs = store.claim(claim, Math.min(room, batchSize), leaseSeconds, List.copyOf(inFlight));
                    for (OutboxJob job : jobs) {
                        inFlight.add(job.id());
                        work.add(job);
                    }
                    claimed = jobs.size();
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "Mail outbox: claiming failed ({0}); trying again in {1} s",
                            new Object[] {rootMessage(e), pollSeconds});
                }
            }
            if (claimed < batchSize) {
                try {
                    wakeUp.poll(pollSeconds, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void workLoop() {
        try (MailDelivery.Connection smtp = delivery.connection()) {
            while (running) {
                OutboxJob job = work.poll(IDLE_MILLIS, TimeUnit.MILLISECONDS);
                if (job == null) {
                    smtp.close();
                    continue;
                }
                try {
                    process(job, smtp);
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "Mail outbox: request " + job.id() + " stopped early; it is due again when its lease runs out", e);
                } finally {
                    inFlight.remove(job.id());
                    if (work.size() < batchSize) {
                        wake();
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    void process(OutboxJob job, MailDelivery.Connection smtp) {
        OutgoingMail mail;
        try {
            Optional<OutgoingMail> prepared = prepare(job);
            if (prepared.isEmpty()) {
                return;
            }
            mail = prepared.get();
        } catch (RuntimeException e) {
            attemptFailed(job, e);
            return;
        }
        if (store.isSuperseded(job)) {
            drop(job, Outcome.SUPERSEDED);
            return;
        }
        try {
            smtp.send(mail);
        } catch (Exception e) {
            attemptFailed(job, e);
            return;
        }
        recordSent(job);
        audit.mailSent(job.id(), job.kind(), job.attempts() + 1);
    }

    /**
     * Marks a sent mail as sent, trying again while the database is away: until then the row stays claimed by
     * this node (its lease renewed once the database is back), so a database outage shorter than a lease never
     * makes another node send the mail again.
     */
    private void recordSent(OutboxJob job) {
        for (int attempt = 1; ; attempt++) {
            try {
                store.finish(job.id(), Outcome.SENT);
                return;
            } catch (RuntimeException e) {
                if (!running || attempt >= FINISH_ATTEMPTS) {
                    LOG.log(Level.SEVERE, "Mail outbox: request {0} was sent but could not be marked so ({1}); it is sent"
                            + " again when its lease runs out", new Object[] {job.id(), rootMessage(e)});
                    return;
                }
                try {
                    Thread.sleep(Math.min(1000L * attempt, leaseSeconds * 1000L / 3));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** The mail to send for this job, or empty when its preparer dropped it. */
    private Optional<OutgoingMail> prepare(OutboxJob job) {
        if (job.isNotice()) {
            return Optional.of(new OutgoingMail(job.recipient().orElseThrow(), job.subject(), job.body(), job.locale().orElse(Locale.ENGLISH)));
        }
        MailPreparer preparer = preparers.get(job.kind());
        if (preparer == null) {
            throw new IllegalStateException("No preparer for mail requests of kind " + job.kind());
        }
        MailPreparer.Preparation preparation = store.prepare(job, preparer);
        if (preparation.mail().isEmpty()) {
            drop(job, preparation.droppedAs());
        }
        return preparation.mail();
    }

    private void drop(OutboxJob job, String outcome) {
        store.finish(job.id(), outcome);
        audit.mailDropped(job.id(), job.kind(), outcome);
    }

    private void attemptFailed(OutboxJob job, Exception e) {
        int attempt = job.attempts() + 1;
        boolean last = attempt >= maxAttempts;
        String error = MailDelivery.causes(e);
        try {
            store.attemptFailed(job.id(), error, retryDelay(attempt).toSeconds(), last);
        } catch (RuntimeException storeFailure) {
            LOG.log(Level.WARNING, "Mail outbox: request {0} failed and could not be rescheduled ({1}); it is due again"
                    + " when its lease runs out", new Object[] {job.id(), rootMessage(storeFailure)});
            return;
        }
        if (last) {
            audit.mailGivenUp(job.id(), job.kind(), attempt);
            LOG.severe(() -> "Mail outbox: request " + job.id() + " given up after " + attempt + " attempts: " + error);
        } else {
            audit.mailRetried(job.id(), job.kind(), attempt, e.getClass().getSimpleName());
            LOG.warning(() -> "Mail outbox: request " + job.id() + " not sent yet (attempt " + attempt + ", " + error
                    + "); next attempt in " + retryDelay(attempt).toSeconds() + " s");
        }
    }

    /** Exponential back-off: initial delay, doubled per failed attempt, capped. */
    Duration retryDelay(int failedAttempts) {
        return RetryBackoff.delay(failedAttempts, Duration.ofSeconds(initialDelaySeconds), Duration.ofSeconds(maxDelaySeconds));
    }

    private void renewLeases() {
        List<Long> mine = List.copyOf(inFlight);
        if (!mine.isEmpty()) {
            store.renewLeases(node, leaseSeconds, mine);
        }
    }

    /** Lets each worker finish the mail it is sending, and gives back what was claimed but not started. */
    @PreDestroy
    void stop() {
        running = false;
        wake();
        if (threads == null) {
            return;
        }
        threads.shutdown();
        try {
            threads.awaitTermination(IDLE_MILLIS * 2, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<OutboxJob> unstarted = new ArrayList<>();
        work.drainTo(unstarted);
        try {
            store.release(node, unstarted.stream().map(OutboxJob::id).toList());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Mail outbox: claims not given back; they are due again when their leases run out", e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }
}
