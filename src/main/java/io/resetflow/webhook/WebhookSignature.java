package io.resetflow.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code webhook-signature} of Standard Webhooks: HMAC-SHA256 over {@code id.timestamp.body}, base64, as
 * {@code v1,<signature>}; one per signing secret, separated by spaces, so a receiver keeps working while its secret
 * is rotated. A secret is written as the receivers' libraries read it: {@code whsec_} and the base64 of its bytes.
 */
final class WebhookSignature {

    static final String SECRET_PREFIX = "whsec_";
    static final int MIN_KEY_BYTES = 24;
    static final int MAX_KEY_BYTES = 64;

    private final List<SecretKeySpec> keys;

    private WebhookSignature(List<SecretKeySpec> keys) {
        this.keys = keys;
    }

    /**
     * Reads one or more secrets separated by spaces.
     *
     * @throws IllegalArgumentException naming what is wrong, never the secret
     */
    static WebhookSignature of(String secrets) {
        List<SecretKeySpec> keys = new ArrayList<>();
        for (String secret : secrets.strip().split("\\s+")) {
            if (!secret.startsWith(SECRET_PREFIX)) {
                throw new IllegalArgumentException("each secret starts with " + SECRET_PREFIX);
            }
            byte[] key;
            try {
                key = Base64.getDecoder().decode(secret.substring(SECRET_PREFIX.length()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("what follows " + SECRET_PREFIX + " is not base64");
            }
            if (key.length < MIN_KEY_BYTES || key.length > MAX_KEY_BYTES) {
                throw new IllegalArgumentException("a secret holds " + MIN_KEY_BYTES + " to " + MAX_KEY_BYTES
                        + " random bytes, one held " + key.length);
            }
            keys.add(new SecretKeySpec(key, "HmacSHA256"));
        }
        return new WebhookSignature(List.copyOf(keys));
    }

    int secrets() {
        return keys.size();
    }

    /** The header's value for this event and attempt. */
    String sign(String id, long timestampSeconds, String body) {
        byte[] signed = (id + "." + timestampSeconds + "." + body).getBytes(StandardCharsets.UTF_8);
        return keys.stream().map(key -> "v1," + Base64.getEncoder().encodeToString(hmac(key, signed)))
                .collect(Collectors.joining(" "));
    }

    private static byte[] hmac(SecretKeySpec key, byte[] signed) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(signed);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }
}
