package io.resetflow.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Addresses settings name: what is taken, and what a start refuses in one line that names the setting. */
class HttpAddressTest {

    private static final String SETTING = "WEBHOOK_URL (webhook.url)";

    @Test
    void anAbsoluteHttpAddressIsTakenWithItsQuery() {
        assertThat(HttpAddress.of(SETTING, "https://shop.example/hooks/resetflow?site=1").getQuery()).isEqualTo("site=1");
        assertThat(HttpAddress.of(SETTING, "http://127.0.0.1:8000/login").getPort()).isEqualTo(8000);
    }

    @Test
    void anythingElseIsRefusedWithoutRepeatingTheValue() {
        for (String value : new String[] {"/hooks", "shop.example/hooks", "ftp://shop.example/hooks", "javascript:alert(1)",
                "https://user:secret@shop.example/hooks", "https://shop.example/hooks#x", "https://shop example/"}) {
            assertThatThrownBy(() -> HttpAddress.of(SETTING, value)).as(value).isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith(SETTING).hasMessageNotContaining("secret").hasMessageNotContaining("shop");
        }
    }
}
