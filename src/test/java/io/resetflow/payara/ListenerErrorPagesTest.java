package io.resetflow.payara;

import static org.assertj.core.api.Assertions.assertThat;

import io.resetflow.web.SecurityHeaders;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.glassfish.grizzly.http.util.MimeHeaders;
import org.junit.jupiter.api.Test;

class ListenerErrorPagesTest {

    private final ListenerErrorPages.Probe probe = new ListenerErrorPages.Probe(
            new SecurityHeaders("https://reset.example.org").forPages(), "/reset", "ResetFlow");

    @Test
    void theListenersOwnErrorsMapToTheStatusThatNamesThem() {
        assertThat(ListenerErrorPages.statusFor(new IllegalStateException("HTTP packet intial line is too large"), "")).isEqualTo(414);
        assertThat(ListenerErrorPages.statusFor(new IllegalStateException("HTTP packet header is too large"), "HTTP/1.1")).isEqualTo(431);
        assertThat(ListenerErrorPages.statusFor(new MimeHeaders().new MaxHeaderCountExceededException(), "HTTP/1.1")).isEqualTo(431);
        assertThat(ListenerErrorPages.statusFor(new IllegalStateException("Bad HTTP headers"), "HTTP/9.9")).isEqualTo(505);
        assertThat(ListenerErrorPages.statusFor(new IllegalStateException("Bad HTTP headers"), "HTTP/2.0")).isEqualTo(505);
        assertThat(ListenerErrorPages.statusFor(new IllegalStateException(), "HTTP/1.0")).isEqualTo(400);
        assertThat(ListenerErrorPages.statusFor(new IllegalStateException(), "")).isEqualTo(400);
    }

    @Test
    void theAnswerIsOneCompleteResponseWithThePagesHeadersThatClosesTheConnection() {
        String answer = new String(probe.answer(431, Locale.ENGLISH, true), StandardCharsets.UTF_8);
        String head = answer.substring(0, answer.indexOf("\r\n\r\n"));
        String body = answer.substring(answer.indexOf("\r\n\r\n") + 4);

        assertThat(head).startsWith("HTTP/1.1 431 ").contains("\r\nDate: ").contains("\r\nConnection: close")
                .contains("\r\nContent-Type: text/html;charset=UTF-8").contains("\r\nContent-Language: en")
                .contains("\r\nContent-Security-Policy: " + new SecurityHeaders("https://reset.example.org").forPages().get("Content-Security-Policy")).contains("\r\nCache-Control: no-store")
                .contains("\r\nStrict-Transport-Security: ").contains("\r\nX-Frame-Options: DENY");
        assertThat(head).contains("\r\nContent-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n");
        assertThat(body).contains("<title>The request was too large · ResetFlow</title>")
                .contains("<a href=\"/reset/\">Go to the home page</a>")
                .contains("href=\"/reset/jakarta.faces.resource/css/app.css.xhtml\"");
    }

    @Test
    void aHeadRequestGetsTheHeadersWithoutThePage() {
        String withPage = new String(probe.answer(414, Locale.ENGLISH, true), StandardCharsets.UTF_8);
        String headOnly = new String(probe.answer(414, Locale.ENGLISH, false), StandardCharsets.UTF_8);

        assertThat(headOnly).endsWith("\r\n\r\n").doesNotContain("<html");
        assertThat(withPage.substring(withPage.indexOf("Content-Length:"), withPage.indexOf("\r\n\r\n")))
                .isEqualTo(headOnly.substring(headOnly.indexOf("Content-Length:"), headOnly.indexOf("\r\n\r\n")));
    }

    @Test
    void thePageIsInTheLanguageAskedAndOtherErrorsGetTheBadRequestText() {
        String answer = new String(probe.answer(400, Locale.GERMAN, true), StandardCharsets.UTF_8);

        assertThat(answer).contains("Content-Language: de").contains("<html lang=\"de\">")
                .contains("<h1>Mit dieser Anfrage stimmte etwas nicht</h1>");
        assertThat(new String(probe.answer(505, Locale.FRENCH, true), StandardCharsets.UTF_8)).startsWith("HTTP/1.1 505 ")
                .contains("<h1>Cette requête posait un problème</h1>");
    }
}
