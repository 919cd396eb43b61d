package io.resetflow.throttle;

import static org.assertj.core.api.Assertions.assertThat;

import io.resetflow.passwordreset.ResetSteps;
import io.resetflow.testing.Accounts;
import io.resetflow.testing.Mailbox;
import io.resetflow.testing.ServerExtension;
import io.resetflow.testing.TestServer;
import io.resetflow.testing.WebClient;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Limits hold under bursts: many parallel attempts get no more tries than sequential ones, because a limit
 * is consumed before the check it guards. (The tests' server: 10 failed sign-ins per account from one client,
 * 20 bad reset links per client, 12 reset requests per account.)
 */
@ExtendWith(ServerExtension.class)
class BurstIT {

    private static final int BURST = 50;

    /** Each test's clients share one address, new for each test, so no earlier attempt counts. */
    private static final AtomicInteger NETWORKS = new AtomicInteger(0xb000);

    private static String freshClientAddress() {
        return "2001:db8:" + Integer.toHexString(NETWORKS.incrementAndGet()) + "::1";
    }

    @Test
    void fiftyConcurrentWrongPasswordsForOneAccountGetAtMostTheLimitsNumberOfDoNotMatch(TestServer server) {
        String email = Accounts.register(server, "burst-sign-in");
        String address = freshClientAddress();

        List<WebClient.Page> answers = burst(server, address, "/sign-in", (web, page) ->
                web.submit(page, "sign-in", Map.of("email", email, "password", "wrong guess " + web.hashCode())));

        long checked = answers.stream().filter(a -> a.text().contains("do not match an account")).count();
        long throttled = answers.stream().filter(a -> a.text().contains("Too many failed sign-ins")).count();
        assertThat(checked).as("passwords actually checked").isLessThanOrEqualTo(10);
        assertThat(checked + throttled).isEqualTo(BURST);
    }

    @Test
    void fiftyConcurrentGuessedLinksFromOneClientReachTheDatabaseAtMostTheLimitsNumberOfTimes(TestServer server) throws Exception {
        String address = freshClientAddress();
        String base = server.baseUri() + "reset-password?token=";

        List<WebClient.Page> answers = burst(server, address, null, (web, ignored) ->
                web.get(base + String.format("%043d", web.hashCode() & 0x7fffffff).replace('0', 'B')));

        assertThat(answers).allSatisfy(ResetSteps::assertInvalidLinkPage);
        long looked = Files.readAllLines(server.log()).stream()
                .filter(l -> l.contains("AUDIT password_reset.failed reason=invalid_link client=" + address)).count();
        assertThat(looked).as("guesses checked against the database").isLessThanOrEqualTo(20);
    }

    @Test
    void fiftyConcurrentRequestsForOneAccountAcceptAtMostTheLimitsNumberAndTheNewestMailHoldsTheLiveLink(TestServer server) throws Exception {
        String email = Accounts.register(server, "burst-forgot");

        List<WebClient.Page> answers = burst(server, null, "/forgot-password", (web, page) ->
                web.submit(page, "forgot", Map.of("email", email)));

        assertThat(answers).allSatisfy(a -> assertThat(a.text()).contains(ResetSteps.SENT));
        server.awaitOutboxDelivered();
        assertThat(server.database().queryLong("SELECT COUNT(*) FROM resetflow_mail_outbox WHERE kind = 'password_reset' AND canonical_email = ?", email))
                .as("requests accepted for the account").isEqualTo(TestServer.RESET_REQUESTS_PER_ACCOUNT);
        // Requests that wait together are sent as one mail, the newest; however many went out, its link is the live one.
        List<MimeMessage> mails = ResetSteps.linkMails(server, email);
        assertThat(mails).hasSizeBetween(1, TestServer.RESET_REQUESTS_PER_ACCOUNT);
        ResetSteps.assertLandedOnSignInWithSuccess(ResetSteps.resetWith(server, Mailbox.resetLink(mails.get(mails.size() - 1)), "after the burst " + email));
    }

    /**
     * Prepares {@value #BURST} clients (all at one address, or each at its own when {@code address} is null),
     * each with the page at {@code path} loaded, then fires every attempt at once.
     */
    private static List<WebClient.Page> burst(TestServer server, String address, String path,
                                              java.util.function.BiFunction<WebClient, WebClient.Page, WebClient.Page> attempt) {
        List<WebClient> clients = new ArrayList<>();
        List<WebClient.Page> pages = new ArrayList<>();
        for (int i = 0; i < BURST; i++) {
            WebClient web = address == null ? new WebClient(server) : new WebClient(server, address);
            clients.add(web);
            pages.add(path == null ? null : web.get(path));
        }
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(BURST);
        try {
            List<CompletableFuture<WebClient.Page>> answers = new ArrayList<>();
            for (int i = 0; i < BURST; i++) {
                WebClient web = clients.get(i);
                WebClient.Page page = pages.get(i);
                answers.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException(e);
                    }
                    return attempt.apply(web, page);
                }, pool));
            }
            start.countDown();
            return answers.stream().map(CompletableFuture::join).toList();
        } finally {
            pool.shutdownNow();
        }
    }
}
