package io.resetflow.mail;

import io.resetflow.audit.AuditLog;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Renders a claimed row into the mail to send: a notice as it was written; a request by its feature's
 * {@link MailPreparer}, right before sending, so no link waits anywhere. A request its feature drops, or one a newer
 * request of its address has superseded, is finished with its reason and the audit line.
 */
@ApplicationScoped
public class OutboxRenderer {

    @Inject
    OutboxStore store;

    @Inject
    AuditLog audit;

    @Inject
    @Any
    Instance<MailPreparer> preparerBeans;

    /** This bean through its container proxy, so that {@link #prepare} runs in a transaction of its own. */
    @Inject
    OutboxRenderer self;

    /** The preparers by the kind they prepare, found once. */
    Map<String, MailPreparer> preparers;

    @PostConstruct
    void findPreparers() {
        preparers = preparerBeans.stream().collect(Collectors.toUnmodifiableMap(MailPreparer::kind, p -> p));
    }

    /**
     * The mail for this row, or empty when it ends without one (then it is finished here, with its reason).
     *
     * @throws RuntimeException if preparing failed; the row is tried again later
     */
    Optional<OutgoingMail> render(OutboxJob job) {
        if (job.isNotice()) {
            return Optional.of(job.notice());
        }
        MailPreparer.Preparation preparation = self.prepare(job);
        if (preparation.mail().isEmpty()) {
            audit.mailDropped(job.id(), job.kind(), preparation.droppedAs());
        }
        return preparation.mail();
    }

    /**
     * In one transaction, the link's and the check's: every request of the row's kind and address is locked, the
     * row dropped if a newer one exists, and otherwise its feature's preparer makes the mail. Two preparations for
     * one address thus run one after the other, the older first or not at all. A row that ends without a mail is
     * finished in the same transaction.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public MailPreparer.Preparation prepare(OutboxJob job) {
        MailPreparer preparer = preparerOf(job.kind());
        MailPreparer.Preparation preparation = store.isSuperseded(job, OutboxStore.Lock.ADDRESS)
                ? MailPreparer.Preparation.drop(Outcome.SUPERSEDED)
                : preparer.prepare(job);
        if (preparation.mail().isEmpty()) {
            store.finish(job.id(), preparation.droppedAs());
        }
        return preparation;
    }

    /** Finishes a row that ends without a mail, with its reason. */
    void drop(OutboxJob job, String outcome) {
        store.finish(job.id(), outcome);
        audit.mailDropped(job.id(), job.kind(), outcome);
    }

    private MailPreparer preparerOf(String kind) {
        MailPreparer preparer = preparers.get(kind);
        if (preparer == null) {
            throw new IllegalStateException("No preparer for mail requests of kind " + kind);
        }
        return preparer;
    }
}
