package io.resetflow.background;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.enterprise.concurrent.ManagedExecutorService;
import java.lang.reflect.Proxy;
import java.sql.SQLException;
import java.sql.SQLTransactionRollbackException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.Test;

class BacklogTest {

    @Test
    void deadlocksAndLockWaitTimeoutsAreRetried() {
        assertThat(Backlog.isTransient(new RuntimeException(new SQLTransactionRollbackException("deadlock", "40001", 1213)))).isTrue();
        assertThat(Backlog.isTransient(new RuntimeException(new SQLException("Lock wait timeout", "HY000", 1205)))).isTrue();
    }

    @Test
    void anInsertThatLostARaceForAUniqueKeyIsRetried() {
        assertThat(Backlog.isTransient(new RuntimeException(new SQLException("Duplicate entry", "23000", 1062)))).isTrue();
    }

    @Test
    void otherFailuresAreNotRetried() {
        assertThat(Backlog.isTransient(new RuntimeException(new SQLException("Data too long", "22001", 1406)))).isFalse();
        assertThat(Backlog.isTransient(new IllegalStateException("bug"))).isFalse();
    }

    @Test
    void requestsBeyondTheBacklogAreDroppedUntilItDrains() {
        List<Runnable> queued = new ArrayList<>();
        List<String> processed = new ArrayList<>();
        Backlog backlog = backlogWith(queued, false);
        backlog.maxPendingRequests = 3;

        List<Boolean> accepted = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            String person = "person" + i;
            accepted.add(backlog.submit("test", () -> processed.add(person)));
        }
        assertThat(accepted).containsExactly(true, true, true, false, false);
        assertThat(queued).as("only as many as the backlog holds").hasSize(3);

        queued.forEach(Runnable::run);
        assertThat(processed).containsExactly("person1", "person2", "person3");
        assertThat(backlog.submit("test", () -> processed.add("person6"))).isTrue();
        assertThat(queued).as("room again once processed").hasSize(4);
    }

    @Test
    void executorRefusingWorkDoesNotLeakBacklogPlaces() {
        Backlog backlog = backlogWith(new ArrayList<>(), true);
        backlog.maxPendingRequests = 1;
        assertThat(backlog.submit("test", () -> { })).isFalse();
        assertThat(backlog.submit("test", () -> { })).isFalse();

        List<Runnable> queued = new ArrayList<>();
        backlog.executor = executorInto(queued, false);
        assertThat(backlog.submit("test", () -> { })).isTrue();
        assertThat(queued).as("a refused task gave its place back").hasSize(1);
    }

    private static Backlog backlogWith(List<Runnable> queued, boolean refuse) {
        Backlog backlog = new Backlog();
        backlog.executor = executorInto(queued, refuse);
        backlog.transactions = new Transactions();
        return backlog;
    }

    /** An executor that keeps the tasks for the test to run, or refuses them as a saturated one does. */
    private static ManagedExecutorService executorInto(List<Runnable> queued, boolean refuse) {
        return (ManagedExecutorService) Proxy.newProxyInstance(BacklogTest.class.getClassLoader(),
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
