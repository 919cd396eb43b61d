package io.resetflow.passwordreset;

import static org.assertj.core.api.Assertions.assertThat;

import io.resetflow.audit.AuditLog;
import io.resetflow.throttle.Limit;
import io.resetflow.throttle.Throttle;
import io.resetflow.web.ClientInfo;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import java.lang.reflect.Proxy;
import java.sql.SQLException;
import java.sql.SQLTransactionRollbackException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.Test;

class PasswordResetServiceTest {

    @Test
    void deadlocksAndLockWaitTimeoutsAreRetried() {
        assertThat(PasswordResetService.isTransient(new RuntimeException(new SQLTransactionRollbackException("deadlock", "40001", 1213)))).isTrue();
        assertThat(PasswordResetService.isTransient(new RuntimeException(new SQLException("Lock wait timeout", "HY000", 1205)))).isTrue();
    }

    @Test
    void otherFailuresAreNotRetried() {
        assertThat(PasswordResetService.isTransient(new RuntimeException(new SQLException("Duplicate entry", "23000", 1062)))).isFalse();
        assertThat(PasswordResetService.isTransient(new IllegalStateException("bug"))).isFalse();
    }

    @Test
    void requestsBeyondTheBacklogAreDroppedUntilItDrains() {
        List<Runnable> queued = new ArrayList<>();
        List<String> issued = new ArrayList<>();
        PasswordResetService service = serviceWith(queued, issued, false);
        service.maxPendingRequests = 3;

        for (int i = 1; i <= 5; i++) {
            service.requestReset("person" + i + "@example.org", CLIENT);
        }
        assertThat(queued).as("only as many as the backlog holds").hasSize(3);

        queued.forEach(Runnable::run);
        assertThat(issued).containsExactly("person1@example.org", "person2@example.org", "person3@example.org");
        service.requestReset("person6@example.org", CLIENT);
        assertThat(queued).as("room again once processed").hasSize(4);
    }

    @Test
    void executorRefusingWorkDoesNotLeakBacklogPlaces() {
        List<String> issued = new ArrayList<>();
        PasswordResetService service = serviceWith(new ArrayList<>(), issued, true);
        service.maxPendingRequests = 1;
        service.requestReset("person@example.org", CLIENT);
        service.requestReset("person@example.org", CLIENT);

        List<Runnable> queued = new ArrayList<>();
        service.executor = executorInto(queued, false);
        service.requestReset("person@example.org", CLIENT);
        assertThat(queued).as("a refused task gave its place back").hasSize(1);
    }

    private static final ClientInfo CLIENT = new ClientInfo("192.0.2.7", "unit test");

    private static PasswordResetService serviceWith(List<Runnable> queued, List<String> issued, boolean refuse) {
        PasswordResetService service = new PasswordResetService();
        service.executor = executorInto(queued, refuse);
        service.audit = new AuditLog();
        service.throttle = new Throttle() {
            @Override
            public boolean tryAcquire(Limit limit, String subject) {
                return true;
            }
        };
        service.tokens = new ResetTokens() {
            @Override
            public void issue(String canonicalEmail) {
                issued.add(canonicalEmail);
            }
        };
        return service;
    }

    /** An executor that keeps the tasks for the test to run, or refuses them as a saturated one does. */
    private static ManagedExecutorService executorInto(List<Runnable> queued, boolean refuse) {
        return (ManagedExecutorService) Proxy.newProxyInstance(PasswordResetServiceTest.class.getClassLoader(),
                new Class<?>[] {ManagedExecutorService.class}, (proxy, method, args) -> {
                    if (!method.getName().equals("execute")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    if (refuse) {
                        throw new RejectedExecutionException("saturated");
                    }
                    queued.add((Runnable) args[0]);
                    return null;
                });
    }
}
