package io.resetflow.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.resetflow.testing.ServerExtension;
import io.resetflow.testing.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Requests too large to serve get a calm 414 or 431 page with the product's headers, not an empty container
 * 400 or a dropped connection. Sent over a plain socket: HTTP clients refuse to send some of these.
 */
@ExtendWith(ServerExtension.class)
class OversizedRequestIT {

    /** The node answers HTTP/1.1 only: a cleartext HTTP/2 upgrade (h2c) is declined, not switched to. */
    @Test
    void aCleartextHttp2UpgradeIsDeclined(TestServer server) throws IOException {
        String answer = exchange(server, "GET /sign-in HTTP/1.1\r\nHost: localhost\r\nConnection: Upgrade, HTTP2-Settings, close\r\n"
                + "Upgrade: h2c\r\nHTTP2-Settings: AAMAAABkAAQCAAAAAAIAAAAA\r\n\r\n");

        assertThat(answer).startsWith("HTTP/1.1 200").doesNotContain("101 Switching Protocols");
    }

    @Test
    void requestLineOverTheLimitGetsACalm414WithOurHeaders(TestServer server) throws IOException {
        String answer = exchange(server, "GET /sign-in?q=" + "a".repeat(10_000) + " HTTP/1.1\r\nHost: localhost\r\n"
                + "Connection: close\r\n\r\n");

        assertCalm(answer, 414, "This address is too long");
    }

    @Test
    void oneHugeHeaderGetsACalm431WithOurHeaders(TestServer server) throws IOException {
        String answer = exchange(server, "GET /sign-in HTTP/1.1\r\nHost: localhost\r\nX-Padding: " + "b".repeat(20_000)
                + "\r\nConnection: close\r\n\r\n");

        assertCalm(answer, 431, "The request was too large");
    }

    @Test
    void manyHeadersTogetherOverTheLimitGetACalm431WithOurHeaders(TestServer server) throws IOException {
        StringBuilder headers = new StringBuilder();
        for (int i = 0; i < 150; i++) {
            headers.append("X-Header-").append(i).append(": ").append("c".repeat(200)).append("\r\n");
        }
        String answer = exchange(server, "GET /forgot-password HTTP/1.1\r\nHost: localhost\r\n" + headers
                + "Connection: close\r\n\r\n");

        assertCalm(answer, 431, "The request was too large");
    }

    private static void assertCalm(String answer, int status, String title) {
        assertThat(answer).as("the status line").startsWith("HTTP/1.1 " + status + " ");
        String lower = answer.toLowerCase(Locale.ROOT);
        assertThat(lower).contains("content-security-policy:").contains("x-content-type-options: nosniff")
                .contains("referrer-policy: no-referrer").doesNotContain("server: ").doesNotContain("x-powered-by");
        assertThat(answer).contains(title).doesNotContain("Exception").doesNotContain("at org.");
    }

    /** Sends the bytes as they are and reads the whole answer, the connection being closed by either side. */
    private static String exchange(TestServer server, String request) throws IOException {
        try (Socket socket = new Socket(server.baseUri().getHost(), server.baseUri().getPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            in.transferTo(answer);
            return answer.toString(StandardCharsets.UTF_8);
        }
    }
}
