package io.resetflow.mail;

import io.resetflow.background.ApplicationStart;
import io.resetflow.background.RepeatingTasks;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Reception;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
 * Delivers the outbox from every node: the claiming. One claimer thread takes due rows in batches (the moment a
 * row to deliver commits on this node, otherwise every {@code mail.outbox.poll-seconds}) and hands them to
 * {@code mail.outbox.workers} workers, each with an SMTP connection it keeps between mails; what a worker does with a
 * row is {@link OutboxSender}'s (render, send, retry). While a node works on a row it renews the row's lease; a row
 * whose node died is due again one lease later. Threads come from the container's managed thread factory.
 */
@ApplicationScoped
public class OutboxDispatcher {

    private static final Logger LOG = Logger.getLogger(OutboxDispatcher.class.getName());

    /** A worker without work this long closes its connection (see {@link MailDelivery.Connection#IDLE}). */
    private static final long IDLE_MILLIS = MailDelivery.Connection.IDLE.toMillis();

    /** Claims follow one another at least this far apart, unless a claim filled its batch. */
    private static final Duration GATHER = Duration.ofMillis(20);

    /** How long a stop waits for the mails being sent. */
    private static final Duration STOP_GRACE = Duration.ofSeconds(3);

    /** Handed to each worker when the node stops: an idle worker ends at once instead of at its next poll. */
    private static final OutboxJob STOP = new OutboxJob(-1, "stop", Optional.empty(), Optional.empty(), Optional.empty(), "", "", 0,
            Optional.empty());

    /** This node's name in the claims it makes: {@code node/claim-number}, so a claim names its node and itself. */
    private final String node = UUID.randomUUID().toString().substring(0, 8);
    private final AtomicLong claims = new AtomicLong();
    private final BlockingQueue<OutboxJob> work = new LinkedBlockingQueue<>();
    private final Set<Long> inFlight = ConcurrentHashMap.newKeySet();
    private final BlockingQueue<Boolean> wakeUp = new ArrayBlockingQueue<>(1);
    volatile boolean running;
    private volatile boolean claiming;
    private ExecutorService threads;

    @Inject
    OutboxStore store;

    @Inject
    MailDelivery delivery;

    @Inject
    OutboxSender sender;

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

    void start(@Observes ApplicationStart.Started applicationStarted) {
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
        long lastClaim = System.nanoTime() - GATHER.toNanos();
        int claimed = 0;
        while (running) {
            int room = workers * batchSize * 2 - inFlight.size();
            boolean lastFilledItsBatch = claimed >= batchSize;
            claimed = 0;
            if (room > 0) {
                // Woken again soon after a claim (a stream of requests): take what comes in the rest of the moment in the
                // same claim, one transaction for several rows, instead of one claim per request. After a quiet moment
                // a request is claimed at once.
                long wait = lastFilledItsBatch ? 0 : GATHER.toNanos() - (System.nanoTime() - lastClaim);
                if (wait > 0) {
                    try {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
                lastClaim = System.nanoTime();
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
                            new Object[] {MailDelivery.causes(e), pollSeconds});
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
                if (job == STOP) {
                    return;
                }
                if (job == null) {
                    smtp.close();
                    continue;
                }
                try {
                    sender.process(job, smtp, () -> running);
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

    private void renewLeases() {
        List<Long> mine = List.copyOf(inFlight);
        if (!mine.isEmpty()) {
            store.renewLeases(node, leaseSeconds, mine);
        }
    }

    /** A refused start stops the workers that started before the refusal. */
    void stop(@Observes(notifyObserver = Reception.IF_EXISTS) ApplicationStart.Refused refused) {
        stop();
    }

    /**
     * Gives back what was claimed but not started, ends idle workers at once and lets busy ones finish the mail they
     * are sending for at most {@link #STOP_GRACE}: a container engine kills the process 10 s after asking it to stop,
     * and a mail server that stalls must not hold the node that long. A mail still being sent then is due again when
     * its lease runs out. Stopping again does nothing.
     */
    @PreDestroy
    void stop() {
        running = false;
        wake();
        if (threads == null || threads.isShutdown()) {
            return;
        }
        List<OutboxJob> unstarted = new ArrayList<>();
        work.drainTo(unstarted);
        for (int i = 0; i < workers; i++) {
            work.add(STOP);
        }
        threads.shutdown();
        try {
            if (!threads.awaitTermination(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warning(() -> "Mail outbox: stopped while sending " + inFlight.size()
                        + " mails; they are due again when their leases run out (" + leaseSeconds + " s)");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            store.release(node, unstarted.stream().map(OutboxJob::id).toList());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Mail outbox: claims not given back; they are due again when their leases run out", e);
        }
    }
}
