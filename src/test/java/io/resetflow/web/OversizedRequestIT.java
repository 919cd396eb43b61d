package io.resetflow.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.resetflow.testing.HeaderSet;
import io.resetflow.testing.ServerExtension;
import io.resetflow.testing.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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

    /**
     * 10,000 characters are over the pages' limit (8 KiB), answered by BadRequestFilter; 100,000 are over the
     * listener's own (64 KiB), refused before any application code and answered by ListenerErrorPages.
     */
    @ParameterizedTest(name = "a request line of {0} characters")
    @ValueSource(ints = {10_000, 100_000})
    void requestLineOverEitherLimitGetsACalm414WithOurHeaders(int length, TestServer server) throws IOException {
        String answer = exchange(server, "GET /sign-in?q=" + "a".repeat(length) + " HTTP/1.1\r\nHost: localhost\r\n"
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

    // Over the listener's own limits (64 KiB of request line and headers, 1000 header fields): refused by the
    // listener before any application code, still with the product's answer.

    @Test
    void headersOverTheListenersLimitGetACalm431InTheLanguageAsked(TestServer server) throws IOException {
        String answer = exchange(server, "GET /sign-in HTTP/1.1\r\nHost: localhost\r\nAccept-Language: de-CH, en;q=0.5\r\n"
                + "X-Padding: " + "b".repeat(2_000_000) + "\r\nConnection: close\r\n\r\n");

        assertCalm(answer, 431, "Die Anfrage war zu groß");
        assertThat(answer).contains("Content-Language: de").contains("<html lang=\"de\">");
    }

    @Test
    void moreHeaderFieldsThanTheListenerTakesGetACalm431WithOurHeaders(TestServer server) throws IOException {
        StringBuilder headers = new StringBuilder();
        for (int i = 0; i < 1200; i++) {
            headers.append("X-Header-").append(i).append(": c\r\n");
        }
        String answer = exchange(server, "GET /forgot-password HTTP/1.1\r\nHost: localhost\r\nCookie: lang=fr\r\n" + headers
                + "Connection: close\r\n\r\n");

        assertCalm(answer, 431, "La requête était trop volumineuse");
    }

    @Test
    void aHeaderTheListenerCannotParseGetsACalm400WithOurHeaders(TestServer server) throws IOException {
        String answer = exchange(server, "GET /sign-in HTTP/1.1\r\nHost: localhost\r\nA header line without a colon\r\n"
                + "Connection: close\r\n\r\n");

        assertCalm(answer, 400, "Something was wrong with that request");
    }

    @Test
    void anUnknownHttpVersionGetsACalm505WithOurHeaders(TestServer server) throws IOException {
        String answer = exchange(server, "GET /sign-in HTTP/9.9\r\nHost: localhost\r\nConnection: close\r\n\r\n");

        assertCalm(answer, 505, "Something was wrong with that request");
    }

    @Test
    void aHeadRequestOverTheListenersLimitGetsTheHeadersWithoutAPage(TestServer server) throws IOException {
        String answer = exchange(server, "HEAD /sign-in HTTP/1.1\r\nHost: localhost\r\nX-Padding: " + "e".repeat(100_000)
                + "\r\nConnection: close\r\n\r\n");

        assertThat(answer).startsWith("HTTP/1.1 431 ").contains("Content-Security-Policy: ").endsWith("\r\n\r\n")
                .doesNotContain("<html");
    }

    /** A browser reuses its connection: the refused request is answered calmly after the served one. */
    @Test
    void anOversizedRequestOnAConnectionThatWasAlreadyServedGetsTheCalmAnswer(TestServer server) throws IOException {
        String answer = exchange(server, "GET /sign-in HTTP/1.1\r\nHost: localhost\r\n\r\n"
                + "GET /sign-in HTTP/1.1\r\nHost: localhost\r\nX-Padding: " + "d".repeat(100_000) + "\r\n\r\n");

        assertThat(answer).startsWith("HTTP/1.1 200 ");
        String second = answer.substring(answer.indexOf("HTTP/1.1 431 "));
        assertCalm(second, 431, "The request was too large");
    }

    private static void assertCalm(String answer, int status, String title) {
        assertThat(answer).as("the status line").startsWith("HTTP/1.1 " + status + " ");
        String head = answer.substring(0, Math.max(0, answer.indexOf("\r\n\r\n")));
        HeaderSet.assertComplete("the listener's " + status, name -> java.util.Arrays.stream(head.split("\r\n"))
                .filter(line -> line.toLowerCase(Locale.ROOT).startsWith(name.toLowerCase(Locale.ROOT) + ":"))
                .map(line -> line.substring(line.indexOf(':') + 1).strip())
                .findFirst());
        assertThat(answer).contains("<title>" + title).doesNotContain("Exception").doesNotContain("at org.");
        assertThat(answer.indexOf("HTTP/1.1 ", 1)).as("a second answer after ours").isEqualTo(-1);
    }

    /**
     * Sends the bytes as they are and reads the whole answer, the connection being closed by either side. The server
     * may close before the last bytes of a request far over its limits are sent; what it answered is still read.
     */
    private static String exchange(TestServer server, String request) throws IOException {
        try (Socket socket = new Socket(server.baseUri().getHost(), server.baseUri().getPort())) {
            socket.setSoTimeout(30_000);
            try {
                OutputStream out = socket.getOutputStream();
                out.write(request.getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            } catch (SocketException closedWhileSending) {
                // read what the server answered before it closed
            }
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            in.transferTo(answer);
            return answer.toString(StandardCharsets.UTF_8);
        }
    }
}
