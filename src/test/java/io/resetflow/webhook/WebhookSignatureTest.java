package io.resetflow.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.standardwebhooks.Webhook;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The signature against the specification's published vector and the reference library's verifier. */
class WebhookSignatureTest {

    /** The Standard Webhooks specification's test vector. */
    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private static final long TIMESTAMP = 1614265330;
    private static final String BODY = "{\"test\": 2432232314}";

    @Test
    void reproducesThePublishedVector() {
        assertThat(WebhookSignature.of(SECRET).sign(ID, TIMESTAMP, BODY)).isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void theReferenceLibraryVerifiesWhatIsSignedNowAndRefusesAChangedBody() throws Exception {
        String secret = "whsec_" + java.util.Base64.getEncoder().encodeToString(new byte[32]);
        long now = Instant.now().getEpochSecond();
        String body = "{\"type\":\"password.changed\",\"data\":{\"account_id\":7}}";
        Map<String, List<String>> headers = Map.of("webhook-id", List.of("msg_a"), "webhook-timestamp", List.of(Long.toString(now)),
                "webhook-signature", List.of(WebhookSignature.of(secret).sign("msg_a", now, body)));

        assertThatCode(() -> new Webhook(secret).verify(body, headers)).doesNotThrowAnyException();
        assertThatThrownBy(() -> new Webhook(secret).verify(body.replace('7', '8'), headers)).isInstanceOf(Exception.class);
    }

    @Test
    void duringARotationEachSecretSignsAndAReceiverWithEitherVerifies() throws Exception {
        String other = "whsec_" + java.util.Base64.getEncoder().encodeToString("a second secret of 32 bytes!!!!!".getBytes());
        long now = Instant.now().getEpochSecond();
        String header = WebhookSignature.of(SECRET + " " + other).sign("msg_b", now, BODY);

        assertThat(header.split(" ")).hasSize(2).allMatch(s -> s.startsWith("v1,"));
        for (String secret : List.of(SECRET, other)) {
            Map<String, List<String>> headers = Map.of("webhook-id", List.of("msg_b"), "webhook-timestamp", List.of(Long.toString(now)),
                    "webhook-signature", List.of(header));
            assertThatCode(() -> new Webhook(secret).verify(BODY, headers)).doesNotThrowAnyException();
        }
    }

    @Test
    void anUnusableSecretIsRefusedWithoutBeingRepeated() {
        assertThatThrownBy(() -> WebhookSignature.of("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")).hasMessage("each secret starts with whsec_");
        assertThatThrownBy(() -> WebhookSignature.of("whsec_not base64!")).hasMessageNotContaining("not base64!");
        assertThatThrownBy(() -> WebhookSignature.of("whsec_c2hvcnQ=")).hasMessageContaining("one held 5");
    }

    @Test
    void eachEventIdIsNewAndFitsTheOutbox() {
        String first = PasswordChangedWebhook.newEventId();
        assertThat(first).startsWith("msg_").hasSize(26).isNotEqualTo(PasswordChangedWebhook.newEventId());
    }
}
