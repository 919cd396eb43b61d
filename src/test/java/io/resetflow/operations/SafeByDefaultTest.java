package io.resetflow.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class SafeByDefaultTest {

    private static final String HTTPS = "https://reset.example.org";

    @Test
    void anHttpsAddressAndAMailSessionWithoutLoginStartWithoutWarnings() {
        assertThat(SafeByDefault.check(HTTPS, mail(Map.of("mail.smtp.auth", "false")), false, false)).isEmpty();
        assertThat(SafeByDefault.check(HTTPS, mail(Map.of()), false, false)).isEmpty();
    }

    @Test
    void anHttpAddressIsRefusedWithTheSettingAndItsOptOut() {
        assertThatThrownBy(() -> SafeByDefault.check("http://reset.example.org", mail(Map.of()), false, false))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("APP_BASE_URL must be the product's https address, not 'http://reset.example.org' (APP_ALLOW_HTTP=true opts out)");
    }

    @Test
    void aLoginWithoutRequiredStartTlsIsRefused() {
        for (Map<String, String> inClear : new Map[] {
                Map.of("mail.smtp.auth", "true"),
                Map.of("mail.smtp.auth", "true", "mail.smtp.starttls.enable", "true"),
                Map.of("mail.smtp.auth", "TRUE ", "mail.smtp.starttls.required", "true")}) {
            assertThatThrownBy(() -> SafeByDefault.check(HTTPS, mail(inClear), false, false)).as(inClear.toString())
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("SMTP_AUTH=true needs SMTP_STARTTLS=true")
                    .hasMessageContaining("SMTP_ALLOW_PLAINTEXT_AUTH=true opts out");
        }
    }

    @Test
    void aLoginOverTlsStarts() {
        assertThat(SafeByDefault.check(HTTPS, mail(Map.of("mail.smtp.auth", "true", "mail.smtp.starttls.enable", "true",
                "mail.smtp.starttls.required", "true")), false, false)).isEmpty();
        assertThat(SafeByDefault.check(HTTPS, mail(Map.of("mail.smtp.auth", "true", "mail.smtp.ssl.enable", "true")), false, false)).isEmpty();
        assertThat(SafeByDefault.check(HTTPS, mail(Map.of("mail.transport.protocol", "smtps", "mail.smtps.auth", "true")), false, false))
                .isEmpty();
    }

    @Test
    void eachOptOutStartsWithAWarning() {
        assertThat(SafeByDefault.check("http://127.0.0.1:8080", mail(Map.of("mail.smtp.auth", "true")), true, true))
                .containsExactly("APP_BASE_URL http://127.0.0.1:8080 is not https: links travel in clear (APP_ALLOW_HTTP=true)",
                        "SMTP_AUTH=true without SMTP_STARTTLS=true: the mail password travels in clear (SMTP_ALLOW_PLAINTEXT_AUTH=true)");
    }

    private static Properties mail(Map<String, String> values) {
        Properties properties = new Properties();
        properties.putAll(values);
        return properties;
    }
}
