package io.resetflow.passwordreset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.resetflow.testing.Accounts;
import io.resetflow.testing.ComparableAnswer;
import io.resetflow.testing.Mailbox;
import io.resetflow.testing.ServerExtension;
import io.resetflow.testing.TestServer;
import io.resetflow.testing.WebClient;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Asking for a link: one answer for everyone, mail off the request path, nothing changes on the account. */
@ExtendWith(ServerExtension.class)
class ForgotPasswordIT {

    @Test
    void knownAndUnknownAddressesGetByteIdenticalResponses(TestServer server) throws Exception {
        String known = Accounts.register(server, "known");
        String unknown = Accounts.uniqueEmail("nobody");

        Answer forKnown = answer(server, known);
        Answer forUnknown = answer(server, unknown);
        Answer forKnownInOtherCase = answer(server, "  " + known.toUpperCase(java.util.Locale.ROOT) + " ");

        assertThat(forKnown.page().text()).contains(ResetSteps.SENT);
        assertThat(forUnknown).isEqualTo(forKnown);
        assertThat(forKnownInOtherCase).isEqualTo(forKnown);
        server.awaitOutboxDelivered();
        // Two requests for the known address: two mails, or one if they waited together (the newest).
        assertThat(ResetSteps.awaitLinkMails(server, known, 1)).hasSizeBetween(1, 2);
        assertThat(Mailbox.to(server.mail(), unknown)).isEmpty();
    }

    private static Answer answer(TestServer server, String email) {
        WebClient web = new WebClient(server);
        WebClient.Page page = web.submit(web.get("/forgot-password"), "forgot", Map.of("email", email));
        return new Answer(ComparableAnswer.of(page), page);
    }

    /** The comparable part of an answer, and the page for reading its text. */
    private record Answer(ComparableAnswer comparable, WebClient.Page page) {

        @Override
        public boolean equals(Object o) {
            return o instanceof Answer a && comparable.equals(a.comparable);
        }

        @Override
        public int hashCode() {
            return comparable.hashCode();
        }
    }

    @Test
    void askingChangesNothingOnTheAccount(TestServer server) throws Exception {
        String email = Accounts.register(server, "unchanged");
        long versionBefore = server.database().queryLong("SELECT session_version FROM resetflow_app_user WHERE canonical_email = ?", email);
        WebClient signedIn = Accounts.signIn(server, email, Accounts.PASSWORD);

        ResetSteps.requestLink(server, email);

        assertThat(Accounts.isSignedIn(signedIn)).as("existing session still valid").isTrue();
        assertThat(Accounts.isSignedIn(Accounts.signIn(server, email, Accounts.PASSWORD))).as("old password works").isTrue();
        assertThat(server.database().queryLong("SELECT session_version FROM resetflow_app_user WHERE canonical_email = ?", email))
                .isEqualTo(versionBefore);
    }

    @Test
    void mailServerDownChangesNothingInTheAnswerAndTheMailArrivesLater(TestServer server) throws Exception {
        String email = Accounts.register(server, "outage");
        Answer normal = answer(server, Accounts.uniqueEmail("nobody"));
        server.mail().close();
        try {
            Answer duringOutage = answer(server, email);
            assertThat(duringOutage).isEqualTo(normal);
            awaitFailedAttempt(server, email);
        } finally {
            server.mail().start();
        }
        MimeMessage mail = ResetSteps.awaitLinkMails(server, email, 1).get(0);
        assertThat(Mailbox.resetLink(mail)).startsWith(server.baseUri() + "reset-password?token=");
    }

    private static void awaitFailedAttempt(TestServer server, String email) {
        await("a failed delivery attempt to " + email).atMost(Duration.ofSeconds(20)).until(() -> server.database().queryLong(
                "SELECT COUNT(*) FROM resetflow_mail_outbox WHERE canonical_email = LOWER(?) AND attempts > 0 AND finished_at IS NULL", email) > 0);
    }

    @Test
    void linkStartsWithTheConfiguredBaseUrlWhateverTheHostHeaderSays(TestServer server) throws Exception {
        String email = Accounts.register(server, "host-header");
        WebClient web = new WebClient(server);
        Document form = web.get("/forgot-password").document();
        Map<String, String> fields = new java.util.LinkedHashMap<>();
        for (Element input : form.select("#forgot input[name]")) {
            fields.put(input.attr("name"), input.val());
        }
        fields.put("forgot:email", email);
        fields.put("primefaces.nonce", form.selectFirst("script[nonce]").attr("nonce"));
        fields.put("forgot:submit", "");
        HttpClient raw = HttpClient.newBuilder().cookieHandler(new java.net.CookieManager()).build();
        HttpResponse<String> response = raw.send(HttpRequest.newBuilder(server.uri("/forgot-password"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Forwarded-Host", "evil.example")
                .header("X-Forwarded-Proto", "https")
                .header("Forwarded", "host=evil.example;proto=https")
                .POST(HttpRequest.BodyPublishers.ofString(WebClient.encode(fields)))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains(ResetSteps.SENT);

        String link = Mailbox.resetLink(ResetSteps.awaitLinkMails(server, email, 1).get(0));
        assertThat(URI.create(link).getAuthority()).isEqualTo(server.baseUri().getAuthority());
        assertThat(link).doesNotContain("evil");
    }

    @Test
    void twoHundredConcurrentRequestsOverTwentyAccountsLeaveOneLiveTokenEachInTheNewestMail(TestServer server) throws Exception {
        List<String> accounts = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            accounts.add(Accounts.register(server, "burst" + i));
        }
        long logBefore = Files.size(server.log());
        ExecutorService pool = Executors.newFixedThreadPool(20);
        List<Future<WebClient.Page>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < 200; i++) {
                String email = accounts.get(i % 20);
                answers.add(pool.submit(() -> ResetSteps.askForLink(server, email)));
            }
            for (Future<WebClient.Page> answer : answers) {
                WebClient.Page page = answer.get();
                assertThat(page.status()).isEqualTo(200);
                assertThat(page.text()).contains(ResetSteps.SENT);
            }
        } finally {
            pool.shutdownNow();
        }
        server.awaitOutboxDelivered();
        for (String email : accounts) {
            // Ten requests each; those that waited together went out as one mail, the newest.
            List<jakarta.mail.internet.MimeMessage> mails = ResetSteps.awaitLinkMails(server, email, 1);
            assertThat(mails).as(email).hasSizeBetween(1, 10);
            String newest = ResetSteps.token(Mailbox.resetLink(mails.get(mails.size() - 1)));
            assertThat(server.database().queryLong("SELECT COUNT(*) FROM resetflow_mailed_link t WHERE t.purpose = 'password_reset'"
                    + " AND t.canonical_email = ? AND t.used_at IS NULL AND t.expires_at > UTC_TIMESTAMP(6)", email))
                    .as(email).isEqualTo(1);
            assertThat(server.database().queryLong("SELECT COUNT(*) FROM resetflow_mailed_link t WHERE t.purpose = 'password_reset'"
                    + " AND t.canonical_email = ? AND t.token_hash = ?", email, io.resetflow.mailedlink.LinkSecret.digest(newest)))
                    .as(email + ": the newest mail holds the live link").isEqualTo(1);
        }
        byte[] whole = Files.readAllBytes(server.log());
        String log = new String(whole, (int) logBefore, whole.length - (int) logBefore, java.nio.charset.StandardCharsets.UTF_8);
        assertThat(log).doesNotContainIgnoringCase("deadlock").doesNotContain("SEVERE");
    }
}
