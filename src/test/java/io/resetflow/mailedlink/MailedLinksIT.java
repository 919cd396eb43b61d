package io.resetflow.mailedlink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.resetflow.passwordreset.ResetSteps;
import io.resetflow.testing.Accounts;
import io.resetflow.testing.ServerExtension;
import io.resetflow.testing.TestServer;
import io.resetflow.testing.WebClient;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What every mailed link shares, whatever its purpose. */
@ExtendWith(ServerExtension.class)
class MailedLinksIT {

    @Test
    void aLinkWorksOnlyOnThePageOfItsPurpose(TestServer server) {
        String reset = ResetSteps.requestLink(server, Accounts.register(server, "purpose-reset"));
        String registration = Accounts.requestRegistrationLink(server, Accounts.uniqueEmail("purpose-registration"));

        WebClient web = new WebClient(server);
        assertThat(web.get("/finish-registration?token=" + ResetSteps.token(reset)).text())
                .as("a reset link's secret on the registration page").contains(ResetSteps.INVALID_LINK);
        assertThat(web.get("/reset-password?token=" + ResetSteps.token(registration)).text())
                .as("a registration link's secret on the reset page").contains(ResetSteps.INVALID_LINK);
        // Refused above, not used up: each still opens its own page's form.
        assertThat(web.get(registration).document().getElementById("finish")).as("the registration link on its own page").isNotNull();
        assertThat(web.get(reset).document().getElementById("reset")).as("the reset link on its own page").isNotNull();
    }

    /** The tests' server purges every 2 s. */
    @Test
    void deadLinksOfEveryPurposeAreDeletedLiveOnesStay(TestServer server) throws Exception {
        String staleReset = Accounts.register(server, "purge-stale");
        String liveReset = Accounts.register(server, "purge-live");
        ResetSteps.requestLink(server, staleReset);
        ResetSteps.requestLink(server, liveReset);
        String staleRegistration = Accounts.uniqueEmail("registration-stale");
        String liveRegistration = Accounts.uniqueEmail("registration-live");
        Accounts.requestRegistrationLink(server, staleRegistration);
        Accounts.requestRegistrationLink(server, liveRegistration);
        LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
        server.database().update("UPDATE resetflow_mailed_link SET created_at = ?, expires_at = ? WHERE canonical_email IN (?, ?)"
                + " AND used_at IS NULL", now.minusDays(3), now.minusDays(2), staleReset, staleRegistration);

        await().atMost(Duration.ofSeconds(30))
                .until(() -> links(server, RESET, staleReset) + links(server, REGISTRATION, staleRegistration) == 0);

        assertThat(links(server, RESET, staleReset)).as("reset link expired two days ago").isZero();
        assertThat(links(server, REGISTRATION, staleRegistration)).as("registration link expired two days ago").isZero();
        assertThat(links(server, RESET, liveReset)).as("live reset link").isEqualTo(1);
        assertThat(links(server, REGISTRATION, liveRegistration)).as("live registration link").isEqualTo(1);
        assertThat(links(server, REGISTRATION, liveReset)).as("the link its account was registered with, used today").isEqualTo(1);
    }

    private static final String RESET = "password_reset";
    private static final String REGISTRATION = "registration";

    private static long links(TestServer server, String purpose, String email) throws Exception {
        return server.database().queryLong("SELECT COUNT(*) FROM resetflow_mailed_link WHERE purpose = ? AND canonical_email = ?", purpose, email);
    }
}
