package io.resetflow.audit;

import jakarta.enterprise.event.Event;
import java.lang.reflect.Proxy;

/** Audit logs for unit tests: they write their lines, and nobody observes the events they fire. */
public final class AuditLogs {

    private AuditLogs() {
    }

    @SuppressWarnings("unchecked")
    public static AuditLog unobserved() {
        AuditLog audit = new AuditLog();
        audit.written = (Event<AuditLog.AuditEvent>) Proxy.newProxyInstance(AuditLogs.class.getClassLoader(),
                new Class<?>[] {Event.class}, (proxy, method, arguments) -> null);
        return audit;
    }
}
