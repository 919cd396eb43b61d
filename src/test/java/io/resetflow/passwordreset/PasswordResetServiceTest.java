package io.resetflow.passwordreset;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransactionRollbackException;
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
}
