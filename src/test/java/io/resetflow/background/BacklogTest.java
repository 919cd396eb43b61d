package io.resetflow.passwordreset;

import static org.assertj.core.api.Assertions.assertThat;

import io.resetflow.audit.AuditLog;
import io.resetflow.web.ClientInfo;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import java.lang.reflect.Proxy;
import java.sql.SQLException;
import java.sql.SQLTransactionRollbackException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.Test;

class PasswordResetBacklogTest {

    @Test
    void deadlocksAndLockWaitTimeoutsAreRetried() {
        assertThat(PasswordResetBacklog.isTransient(new RuntimeException(new SQLTransactionRollbackException("deadlock", "40001", 1213)))).isTrue();
        assertThat(PasswordResetBacklog.isTransient(new RuntimeException(new SQLException("Lock wait timeout", "HY000", 1205)))).isTrue();
    }

    @Test
    void otherFailuresAreNotRetried() {
        assertThat(PasswordResetBacklog.isTransient(new RuntimeException(new SQLException("Duplicate entry", "23000", 1062)))).isFalse();
        assertThat(PasswordResetBacklog.isTransient(new IllegalStateException("bug"))).isFalse();
    }

    @Test
    void requestsBeyondTheBacklogAreDroppedUntilItDrains() {
        List<Runnable> queued = new ArrayList<>();
        List<String> issued = new ArrayList<>();
        PasswordResetBacklog backlog = backlogWith(queued, issued, false);
        backlog.maxPendingRequests = 3;

        for (int i = 1; i <= 5; i++) {
            backlog.submit("person" + i + "@example.org", CLIENT);
        }
        assertThat(queued).as("only as many as the backlog holds").hasSize(3);

        queued.forEach(Runnable::run);
        assertThat(issued).containsExactly("person1@example.org", "person2@example.org", "person3@example.org");
        backlog.submit("person6@example.org", CLIENT);
        assertThat(queued).as("room again once processed").hasSize(4);
    }

    @Test
    void executorRefusingWorkDoesNotLeakBacklogPlaces() {
        List<String> issued = new ArrayList<>();
        PasswordResetBacklog backlog = backlogWith(new ArrayList<>(), issued, true);
        backlog.maxPendingRequests = 1;
        backlog.submit("person@example.org", CLIENT);
        backlog.submit("person@example.org", CLIENT);

        List<Runnable> queued = new ArrayList<>();
        backlog.executor = executorInto(queued, false);
        backlog.submit("person@example.org", CLIENT);
        assertThat(queued).as("a refused task gave its place back").hasSize(1);
    }

    private static final ClientInfo CLIENT = new ClientInfo("192.0.2.7", "unit test");

    private static PasswordResetBacklog backlogWith(List<Runnable> queued, List<String> issued, boolean refuse) {
        PasswordResetBacklog backlog = new PasswordResetBacklog();
        backlog.executor = executorInto(queued, refuse);
        backlog.audit = new AuditLog();
        backlog.resets = new PasswordResetService() {
            @Override
            public void issueToken(String canonicalEmail) {
                issued.add(canonicalEmail);
            }
        };
        return backlog;
    }

    /** An executor that keeps the tasks for the test to run, or refuses them as a saturated one does. */
    private static ManagedExecutorService executorInto(List<Runnable> queued, boolean refuse) {
        return (ManagedExecutorService) Proxy.newProxyInstance(PasswordResetBacklogTest.class.getClassLoader(),
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
