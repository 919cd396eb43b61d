package io.resetflow.passwordreset;

import static org.assertj.core.api.Assertions.assertThat;

import io.resetflow.web.PublicLinks;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PasswordResetSettingsTest {

    @Test
    void linkIsTheConfiguredBaseUrlPlusThePageAndToken() {
        assertThat(settings("https://reset.example.org").linkFor("abc"))
                .isEqualTo("https://reset.example.org/reset-password?token=abc");
    }

    @Test
    void trailingSlashesAndSpacesInTheBaseUrlDoNotDoubleTheSlash() {
        assertThat(settings(" https://example.org/accounts// ").linkFor("abc"))
                .isEqualTo("https://example.org/accounts/reset-password?token=abc");
    }

    private static PasswordResetSettings settings(String baseUrl) {
        PasswordResetSettings settings = new PasswordResetSettings();
        settings.links = new PublicLinks(baseUrl);
        return settings;
    }

    @Test
    void defaultLifetimeIsThirtyMinutesFromIssue() {
        PasswordResetSettings settings = new PasswordResetSettings();
        settings.tokenLifetimeMinutes = 30;
        Instant issued = Instant.parse("2026-01-31T23:45:00Z");

        assertThat(settings.tokenLifetime()).isEqualTo(Duration.ofMinutes(30));
        assertThat(settings.expiryFor(issued)).isEqualTo(Instant.parse("2026-02-01T00:15:00Z"));
    }

    @Test
    void configuredLifetimeIsUsed() {
        PasswordResetSettings settings = new PasswordResetSettings();
        settings.tokenLifetimeMinutes = 5;
        Instant issued = Instant.parse("2026-06-01T12:00:00Z");

        assertThat(settings.expiryFor(issued)).isEqualTo(Instant.parse("2026-06-01T12:05:00Z"));
    }
}
