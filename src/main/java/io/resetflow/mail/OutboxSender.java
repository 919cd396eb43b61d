package io.resetflow.mail;

import io.resetflow.audit.AuditLog;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

/**
 * What a worker does with one claimed row: renders it ({@link OutboxRenderer}), drops it if a newer request of its
 * address came meanwhile, sends it over the worker's connection and marks it sent; a failure at any step goes to
 * {@link OutboxRetries}. An event goes to the {@link EventSender} of its kind instead, with the same retries.
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

    @Inject
    @Any
    Instance<EventSender> eventSenderBeans;

    /** The event senders by the kind they deliver, found once. */
    Map<String, EventSender> eventSenders;

    @PostConstruct
    void findEventSenders() {
        eventSenders = eventSenderBeans.stream().collect(Collectors.toUnmodifiableMap(EventSender::kind, s -> s));
    }

    /** @param running whether this node still runs (a sent mail is marked sent until it stops) */
    void process(OutboxJob job, MailDelivery.Connection smtp, BooleanSupplier running) {
        if (job.isEvent()) {
            deliverEvent(job, running);
            return;
        }
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

    private void deliverEvent(OutboxJob event, BooleanSupplier running) {
        try {
            EventSender sender = eventSenders.get(event.kind());
            if (sender == null) {
                throw new IllegalStateException("No sender for events of kind " + event.kind());
            }
            sender.send(event);
        } catch (Exception e) {
            retries.attemptFailed(event, e);
            return;
        }
        retries.markSent(event, running);
        audit.eventDelivered(event.id(), event.kind(), event.attempts() + 1);
    }
}
