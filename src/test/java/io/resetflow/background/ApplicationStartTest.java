package io.resetflow.background;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The one line a refused start ends with. */
class ApplicationStartTest {

    @Test
    void theInnermostCheckNamesTheSetting() {
        RuntimeException wrapped = new RuntimeException("WELD-000049: Unable to invoke check() on Site",
                new IllegalStateException("outer", new IllegalStateException("HOST_SIGN_IN_URL (host.sign-in-url) is not a URL: x y")));

        assertThat(ApplicationStart.refusal(wrapped)).isEqualTo("ResetFlow refuses to start: HOST_SIGN_IN_URL (host.sign-in-url) is not a URL: x y");
    }

    @Test
    void aLineThatAlreadySaysSoIsNotSaidTwice() {
        assertThat(ApplicationStart.refusal(new IllegalStateException("ResetFlow refuses to start: USERS_TABLE: the database has no table user")))
                .isEqualTo("ResetFlow refuses to start: USERS_TABLE: the database has no table user");
    }

    @Test
    void anyOtherFailureGivesItsInnermostCauseOnOneLine() {
        RuntimeException failure = new RuntimeException("Migration failed", new java.sql.SQLException("Access denied for user 'app'\nmore"));

        assertThat(ApplicationStart.refusal(failure)).isEqualTo("ResetFlow refuses to start: SQLException: Access denied for user 'app'");
    }
}
