package io.resetflow.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PublicLinksTest {

    @Test
    void linkIsTheConfiguredBaseUrlPlusThePageAndSecret() {
        assertThat(new PublicLinks("https://reset.example.org").to("/reset-password", "abc"))
                .isEqualTo("https://reset.example.org/reset-password?token=abc");
    }

    @Test
    void trailingSlashesAndSpacesInTheBaseUrlDoNotDoubleTheSlash() {
        assertThat(new PublicLinks(" https://example.org/accounts// ").to("/reset-password", "abc"))
                .isEqualTo("https://example.org/accounts/reset-password?token=abc");
    }
}
