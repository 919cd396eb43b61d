package io.resetflow.mail;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class OutgoingMailTest {

    @Test
    void oneRecipientAndPlainHeadersAreAccepted() {
        assertThatCode(() -> new OutgoingMail("ada@example.org", "Set a new password", "line 1\nline 2")).doesNotThrowAnyException();
    }

    @Test
    void lineBreaksInHeadersAreRefused() {
        for (String broken : new String[] {"ada@example.org\r\nBcc: eve@evil.example", "ada@example.org\nBcc: x", "a\u2028b@example.org"}) {
            assertThatThrownBy(() -> new OutgoingMail(broken, "s", "b")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new OutgoingMail("ada@example.org", broken, "b")).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void secondRecipientIsRefused() {
        assertThatThrownBy(() -> new OutgoingMail("ada@example.org,eve@evil.example", "s", "b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new OutgoingMail("ada@example.org;eve@evil.example", "s", "b")).isInstanceOf(IllegalArgumentException.class);
    }
}
