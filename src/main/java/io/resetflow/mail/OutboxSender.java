package io.resetflow.mail;

import io.resetflow.audit.AuditLog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * What a worker does with one claimed row: renders it ({@link OutboxRenderer}), drops it if a newer request of its
 * address came meanwhile, sends it over the worker's connection and marks it sent; a failure at any step goes to
 * {@link OutboxRetries}.
 */
@ApplicationScoped
public class OutboxSender {

    @Inject
    OutboxRenderer renderer;

    @Inject
    OutboxRetries retries;

    @Inject
    OutboxStore store;

    @Inject
    AuditLog audit;

    /** @param running whether this node still runs (a sent mail is marked sent until it stops) */
    void process(OutboxJob job, MailDelivery.Connection smtp, BooleanSupplier running) {
        OutgoingMail mail;
        try {
            Optional<OutgoingMail> rendered = renderer.render(job);
            if (rendered.isEmpty()) {
                return;
            }
            mail = rendered.get();
        } catch (RuntimeException e) {
            retries.attemptFailed(job, e);
            return;
        }
        if (store.isSuperseded(job, OutboxStore.Lock.NONE)) {
            renderer.drop(job, Outcome.SUPERSEDED);
            return;
        }
        try {
            smtp.send(mail);
        } catch (Exception e) {
            retries.attemptFailed(job, e);
            return;
        }
        retries.markSent(job, running);
        audit.mailSent(job.id(), job.kind(), job.attempts() + 1);
    }
}
