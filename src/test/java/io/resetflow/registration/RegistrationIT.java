package io.resetflow.registration;

import static org.assertj.core.api.Assertions.assertThat;

import io.resetflow.mailedlink.LinkSecret;
import io.resetflow.testing.Accounts;
import io.resetflow.testing.ComparableAnswer;
import io.resetflow.testing.Mailbox;
import io.resetflow.testing.ServerExtension;
import io.resetflow.testing.TestServer;
import io.resetflow.testing.WebClient;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Creating an account without an account oracle: the address is confirmed by a mailed link before the
 * account exists, every address gets the same answer, and the owner of a taken one a notice instead.
 */
@ExtendWith(ServerExtension.class)
class RegistrationIT {

    private static final String TAKEN_MAIL = "Someone tried to create an account with your address";
    private static final String INVALID_LINK = "This link is invalid or has expired";

    @Test
    void takenAndFreeAddressesGetByteIdenticalAnswers(TestServer server) {
        String taken = Accounts.register(server, "taken");

        ComparableAnswer forTaken = ask(server, taken);
        ComparableAnswer forFree = ask(server, Accounts.uniqueEmail("free"));
        ComparableAnswer forTakenInOtherCase = ask(server, "  " + taken.toUpperCase(Locale.ROOT) + " ");

        assertThat(forTaken.body()).contains(Accounts.SENT);
        assertThat(forFree).isEqualTo(forTaken);
        assertThat(forTakenInOtherCase).isEqualTo(forTaken);
    }

    @Test
    void ownerOfATakenAddressIsToldByMailAndNothingElseHappens(TestServer server) throws Exception {
        String taken = Accounts.register(server, "owner");

        ask(server, " " + taken.toUpperCase(Locale.ROOT));

        MimeMessage notice = Mailbox.awaitSubject(server.mail(), taken, TAKEN_MAIL);
        String body = Mailbox.body(notice);
        assertThat(Mailbox.recipients(notice)).containsExactly(taken);
        assertThat(body).contains("Hello Test Person").contains(server.baseUri() + "sign-in")
                .doesNotContain("token=").doesNotContain("finish-registration");
        server.awaitOutboxDelivered();
        assertThat(Mailbox.to(server.mail(), taken, Accounts.CONFIRM_MAIL)).as("no second link").hasSize(1);
        assertThat(server.database().queryLong("SELECT COUNT(*) FROM resetflow_app_user WHERE canonical_email = ?", taken)).isEqualTo(1);
        assertThat(server.database().queryLong("SELECT COUNT(*) FROM resetflow_mailed_link WHERE purpose = 'registration' AND canonical_email = ? AND used_at IS NULL",
                taken)).isZero();
    }

    @Test
    void theAccountExistsOnlyOnceTheLinkIsFollowedAndTheMailHoldsNoTextOfTheRequester(TestServer server) throws Exception {
        String email = Accounts.uniqueEmail("confirm");

        String link = Accounts.requestRegistrationLink(server, email);

        MimeMessage mail = Mailbox.awaitSubject(server.mail(), email, Accounts.CONFIRM_MAIL);
        assertThat(Mailbox.body(mail)).startsWith("Hello,").contains("expires in 60 minutes");
        assertThat(server.database().queryLong("SELECT COUNT(*) FROM resetflow_app_user WHERE canonical_email = ?", email)).isZero();
        WebClient web = new WebClient(server);
        WebClient.Page form = web.get(link);
        String masked = email.charAt(0) + "•••" + email.substring(email.indexOf('@'));
        assertThat(form.text()).contains("This link creates the account " + masked).doesNotContain(email);

        WebClient.Page account = web.submit(form, "finish", Map.of("displayName", "Ada Lovelace",
                "password", Accounts.PASSWORD, "confirmation", Accounts.PASSWORD));

        assertThat(account.uri().getPath()).isEqualTo("/account");
        assertThat(account.text()).contains("Ada Lovelace");
        assertThat(server.database().queryLong("SELECT COUNT(*) FROM resetflow_app_user WHERE canonical_email = ?", email)).isEqualTo(1);
    }

    @Test
    void rejectedPasswordOrNameKeepsTheLinkUsable(TestServer server) {
        String email = Accounts.uniqueEmail("weak");
        WebClient web = new WebClient(server);
        WebClient.Page form = web.get(Accounts.requestRegistrationLink(server, email));

        WebClient.Page weak = web.submit(form, "finish", Map.of("displayName", "Weak", "password", "short", "confirmation", "short"));
        assertThat(weak.text()).contains("This password is too short");
        WebClient.Page common = web.submit(weak, "finish", Map.of("displayName", "Common",
                "password", "passwordpassword", "confirmation", "passwordpassword"));
        assertThat(common.text()).contains("This password is on the lists of leaked passwords");
        WebClient.Page noName = web.submit(common, "finish", Map.of("displayName", "Eve\u202E",
                "password", Accounts.PASSWORD, "confirmation", Accounts.PASSWORD));
        assertThat(noName.text()).contains("Enter your name");

        WebClient.Page account = web.submit(noName, "finish", Map.of("displayName", "Finally Fine",
                "password", Accounts.PASSWORD, "confirmation", Accounts.PASSWORD));
        assertThat(account.uri().getPath()).isEqualTo("/account");
    }

    @Test
    void anAddressOrANameWithALineSeparatorOrAnEncodedWordIsRefusedWithAClearMessageAndNothingIsStored(TestServer server) throws Exception {
        String tag = Accounts.uniqueEmail("separators");
        long outboxBefore = server.database().queryLong("SELECT COUNT(*) FROM resetflow_mail_outbox");
        for (String address : List.of("=?utf-8?b?ZXZl?=" + tag, "ada=?x" + tag, "ada\u2028" + tag, "ada\u0085" + tag,
                "ada\u2029" + tag, tag + "\u2028", tag + "\r\n")) {
            for (String page : List.of("/register", "/forgot-password")) {
                WebClient web = new WebClient(server);
                String form = page.equals("/register") ? "register" : "forgot";
                WebClient.Page answer = web.submit(web.get(page), form, Map.of("email", address));
                assertThat(answer.text()).as(page + " " + address).contains("Enter an e-mail address like name@example.com.");
            }
        }
        assertThat(server.database().queryLong("SELECT COUNT(*) FROM resetflow_mail_outbox")).as("requests recorded").isEqualTo(outboxBefore);

        WebClient web = new WebClient(server);
        WebClient.Page form = web.get(Accounts.requestRegistrationLink(server, Accounts.uniqueEmail("separator-name")));
        for (String name : List.of("Ada\u2028Lovelace", "Ada\u2029Lovelace", "Ada\u0085Lovelace", "=?utf-8?q?Ada?=")) {
            form = web.submit(form, "finish", Map.of("displayName", name, "password", Accounts.PASSWORD, "confirmation", Accounts.PASSWORD));
            assertThat(form.text()).as(name).contains("Enter your name: at most 100 characters, no control characters or line breaks");
        }
        assertThat(server.database().queryLong("SELECT COUNT(*) FROM resetflow_app_user WHERE display_name LIKE 'Ada%' OR display_name LIKE '=?%'"))
                .isZero();
    }

    @Test
    void onlyTheNewestLinkWorksAndOnlyOnce(TestServer server) {
        String email = Accounts.uniqueEmail("newest");
        String first = Accounts.requestRegistrationLink(server, email);
        String second = Accounts.requestRegistrationLink(server, email);

        assertThat(new WebClient(server).get(first).text()).contains(INVALID_LINK);
        WebClient web = new WebClient(server);
        assertThat(web.submit(web.get(second), "finish", Map.of("displayName", "Newest",
                "password", Accounts.PASSWORD, "confirmation", Accounts.PASSWORD)).uri().getPath()).isEqualTo("/account");
        WebClient.Page used = new WebClient(server).get(second);
        assertThat(used.text()).contains(INVALID_LINK);
        assertThat(used.document().getElementById("finish")).isNull();
    }

    @Test
    void getAndHeadOfTheLinkDoNotConsumeItAndRedirectWithoutTheSecret(TestServer server) {
        String email = Accounts.uniqueEmail("scanned");
        String link = Accounts.requestRegistrationLink(server, email);
        WebClient scanner = new WebClient(server);

        for (WebClient.Page answer : List.of(scanner.request("HEAD", link), scanner.request("GET", link))) {
            assertThat(answer.status()).isEqualTo(303);
            assertThat(answer.header("Location")).hasValue("/finish-registration");
        }
        WebClient web = new WebClient(server);
        assertThat(web.get(link).document().getElementById("finish")).as("the link still works").isNotNull();
    }

    @Test
    void requestsOverTheAddressLimitGetTheSameAnswerAndSendNothing(TestServer server) throws Exception {
        String email = Accounts.uniqueEmail("limit");
        for (int i = 0; i < 3; i++) {
            ask(server, email);
        }
        server.awaitOutboxDelivered();
        // Requests that wait together go out as one mail, the newest.
        int mails = Mailbox.await(server.mail(), email, Accounts.CONFIRM_MAIL, 1).size();

        ComparableAnswer throttled = ask(server, email);

        assertThat(throttled.body()).contains(Accounts.SENT);
        server.awaitOutboxDelivered();
        assertThat(server.database().queryLong("SELECT COUNT(*) FROM resetflow_mail_outbox WHERE kind = 'registration' AND canonical_email = ?", email))
                .as("accepted requests; the fourth was recorded as throttled").isEqualTo(3);
        assertThat(Mailbox.to(server.mail(), email, Accounts.CONFIRM_MAIL)).hasSize(mails);
    }

    @Test
    void concurrentFirstRequestsForNewAddressesEndWithTheNewestMailHoldingTheOneLiveLink(TestServer server) throws Exception {
        List<String> addresses = List.of(Accounts.uniqueEmail("race-a"), Accounts.uniqueEmail("race-b"));
        long logBefore = Files.size(server.log());
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<CompletableFuture<ComparableAnswer>> answers = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                String email = addresses.get(i % 2);
                answers.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException(e);
                    }
                    return ask(server, email);
                }, pool));
            }
            start.countDown();
            answers.forEach(answer -> assertThat(answer.join().body()).contains(Accounts.SENT));
        } finally {
            pool.shutdownNow();
        }
        server.awaitOutboxDelivered();

        for (String email : addresses) {
            // Requests that wait together are sent as one mail; whatever was sent, the newest holds the live link.
            List<MimeMessage> mails = Mailbox.to(server.mail(), email, Accounts.CONFIRM_MAIL);
            assertThat(mails).as(email).hasSizeBetween(1, 3);
            String newest = Mailbox.link(mails.get(mails.size() - 1), RegistrationService.PAGE);
            String secret = newest.substring(newest.indexOf("token=") + "token=".length());
            assertThat(server.database().queryLong("SELECT COUNT(*) FROM resetflow_mailed_link WHERE purpose = 'registration' AND canonical_email = ? AND token_hash = ?",
                    email, LinkSecret.digest(secret))).as(email + ": the newest mail's link is the live one").isEqualTo(1);
            assertThat(server.database().queryLong("SELECT COUNT(*) FROM resetflow_mailed_link WHERE purpose = 'registration' AND canonical_email = ?", email))
                    .as(email).isEqualTo(1);
        }
        byte[] whole = Files.readAllBytes(server.log());
        assertThat(new String(whole, (int) logBefore, whole.length - (int) logBefore, StandardCharsets.UTF_8))
                .doesNotContain("SEVERE").doesNotContain("could not be processed");
    }

    private static ComparableAnswer ask(TestServer server, String email) {
        WebClient web = new WebClient(server);
        return ComparableAnswer.of(web.submit(web.get("/register"), "register", Map.of("email", email)));
    }
}
