package io.resetflow.operations;

import io.resetflow.audit.AuditLog.AuditEvent;
import io.resetflow.background.ApplicationStart;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * The product's metrics, in the application registry of MicroProfile Metrics (Prometheus format on the
 * operators' listener): every audit event counted as {@code resetflow_events_total} by event, with its reason
 * (a limit, a failure reason, a dropped request's outcome) and its mail kind where it has them, and the outbox's
 * backlog and oldest age as gauges. Tags never carry an account, a client or a request id.
 */
@ApplicationScoped
public class EventMetrics {

    static final String EVENTS = "resetflow_events";
    private static final Metadata EVENTS_METADATA = Metadata.builder().withName(EVENTS)
            .withDescription("Audit events by event, reason and mail kind").build();

    /** The counters already registered, by event, reason and kind: a mail sent costs a map look-up, not a registration. */
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private static final String NONE = "none";

    @Inject
    MetricRegistry registry;

    @Inject
    OutboxMonitor outbox;

    void registerGauges(@Observes ApplicationStart.Started applicationStarted) {
        registry.gauge(Metadata.builder().withName("resetflow_outbox_unfinished")
                .withDescription("Rows of the mail outbox not yet sent, dropped or given up").build(), outbox, OutboxMonitor::unfinished);
        registry.gauge(Metadata.builder().withName("resetflow_outbox_oldest_age_seconds").withUnit("seconds")
                .withDescription("Age of the oldest unfinished row of the mail outbox").build(), outbox, OutboxMonitor::oldestAgeSeconds);
    }

    void count(@Observes AuditEvent event) {
        String reason = event.detail("limit").or(() -> event.detail("reason")).orElse(NONE);
        String kind = event.detail("kind").orElse(NONE);
        counters.computeIfAbsent(event.event() + '|' + reason + '|' + kind, key -> registry.counter(EVENTS_METADATA,
                new Tag("event", event.event()), new Tag("reason", reason), new Tag("kind", kind))).inc();
    }
}
