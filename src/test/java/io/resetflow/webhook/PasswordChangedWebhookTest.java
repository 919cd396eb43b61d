package io.resetflow.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The settings' check at start: one line naming the setting, never the secret. */
class PasswordChangedWebhookTest {

    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    @Test
    void neitherSetIsOff() {
        assertThatCode(() -> checked(null, null)).doesNotThrowAnyException();
        assertThatCode(() -> checked(" ", "")).doesNotThrowAnyException();
    }

    @Test
    void bothSetAndUsableIsOn() {
        assertThatCode(() -> checked("https://shop.example/hooks/resetflow?site=1", SECRET)).doesNotThrowAnyException();
    }

    @Test
    void oneWithoutTheOtherIsRefused() {
        assertThatThrownBy(() -> checked("https://shop.example/hooks", null)).hasMessageStartingWith("WEBHOOK_URL (webhook.url) needs WEBHOOK_SECRET");
        assertThatThrownBy(() -> checked(null, SECRET)).hasMessageStartingWith("WEBHOOK_SECRET (webhook.secret) is set without WEBHOOK_URL");
    }

    @Test
    void anAddressThatIsNotAnAbsoluteHttpAddressIsRefusedNamingTheSetting() {
        assertThatThrownBy(() -> checked("https://user:pass@shop.example/hooks", SECRET)).hasMessageStartingWith("WEBHOOK_URL (webhook.url)")
                .hasMessageNotContaining("pass");
    }

    @Test
    void anUnusableSecretIsRefusedWithoutRepeatingIt() {
        assertThatThrownBy(() -> checked("https://shop.example/hooks", "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"))
                .hasMessageStartingWith("WEBHOOK_SECRET (webhook.secret) is not usable").hasMessageNotContaining("MfKQ9r8G");
    }

    private static void checked(String url, String secret) {
        PasswordChangedWebhook webhook = new PasswordChangedWebhook();
        webhook.urlSetting = Optional.ofNullable(url);
        webhook.secretSetting = Optional.ofNullable(secret);
        webhook.check();
        assertThat(webhook.kind()).isEqualTo("webhook");
    }
}
