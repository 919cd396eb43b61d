package io.resetflow.passwordreset;

import static io.resetflow.passwordreset.ResetSteps.assertInvalidLinkPage;
import static io.resetflow.passwordreset.ResetSteps.assertLandedOnSignInWithSuccess;
import static org.assertj.core.api.Assertions.assertThat;

import io.resetflow.testing.Accounts;
import io.resetflow.testing.Mailbox;
import io.resetflow.testing.ServerExtension;
import io.resetflow.testing.TestServer;
import io.resetflow.testing.WebClient;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The token's life: stored as a digest, one per account, expiring, single-use, never consumed by a GET. */
@ExtendWith(ServerExtension.class)
class PasswordResetTokenIT {

    private static final String NEW_PASSWORD = "a brand new passphrase for this account";

    @Test
    void databaseHoldsOnlyTheDigestOfTheMailedToken(TestServer server) throws Exception {
        String email = Accounts.register(server, "digest");
        String token = ResetSteps.token(ResetSteps.requestLink(server, email));

        assertThat(token).matches("[A-Za-z0-9_-]{43}");
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
        assertThat(server.database().queryLong("SELECT COUNT(*) FROM resetflow_mailed_link WHERE purpose = 'password_reset' AND token_hash = ?", digest))
                .isEqualTo(1);
        server.awaitOutboxDelivered();
        assertThat(rowsContaining(server, token)).as("tables holding the raw token").isEmpty();
        assertThat(rowsContaining(server, HexFormat.of().formatHex(digest))).as("digest as text").isEmpty();
    }

    @Test
    void newerRequestReplacesTheOlderTokenSoOnlyOneIsLive(TestServer server) throws Exception {
        String email = Accounts.register(server, "one-live");
        String first = ResetSteps.requestLink(server, email);
        String second = ResetSteps.requestLink(server, email);

        assertThat(server.database().queryLong("SELECT COUNT(*) FROM resetflow_mailed_link t WHERE t.purpose = 'password_reset'"
                + " AND t.canonical_email = ? AND t.used_at IS NULL", email)).isEqualTo(1);
        WebClient web = new WebClient(server);
        assertInvalidLinkPage(ResetSteps.open(web, first));
        assertLandedOnSignInWithSuccess(ResetSteps.resetWith(server, second, NEW_PASSWORD));
    }

    @Test
    void expiredLinkIsRejected(TestServer server) throws Exception {
        String email = Accounts.register(server, "expired");
        String link = ResetSteps.requestLink(server, email);
        ResetSteps.expireToken(server, email);

        assertInvalidLinkPage(ResetSteps.open(new WebClient(server), link));
    }

    @Test
    void linkExpiringWhileTheFormIsOpenIsRejectedOnSubmit(TestServer server) throws Exception {
        ResetSteps.OpenedLink opened = ResetSteps.openNewAccountsLink(server, "expires-mid-way");
        ResetSteps.expireToken(server, opened.email());

        assertInvalidLinkPage(ResetSteps.setPassword(opened.web(), opened.form(), NEW_PASSWORD, NEW_PASSWORD));
        assertThat(Accounts.isSignedIn(Accounts.signIn(server, opened.email(), Accounts.PASSWORD))).as("old password still works").isTrue();
    }

    @Test
    void usedLinkIsRejected(TestServer server) {
        String email = Accounts.register(server, "reuse");
        String link = ResetSteps.requestLink(server, email);
        assertLandedOnSignInWithSuccess(ResetSteps.resetWith(server, link, NEW_PASSWORD));

        assertInvalidLinkPage(ResetSteps.open(new WebClient(server), link));
    }

    @Test
    void getAndHeadOfTheLinkDoNotConsumeItAndRedirectWithoutTheToken(TestServer server) {
        String email = Accounts.register(server, "scanner");
        String link = ResetSteps.requestLink(server, email);
        WebClient scanner = new WebClient(server);

        WebClient.Page head = scanner.request("HEAD", link);
        WebClient.Page get = scanner.request("GET", link);
        scanner.get(link);
        new WebClient(server).get(link);

        for (WebClient.Page answer : List.of(head, get)) {
            assertThat(answer.status()).isEqualTo(303);
            assertThat(answer.header("Location")).hasValue("/reset-password");
            assertThat(answer.header("Referrer-Policy")).hasValue("no-referrer");
        }
        assertLandedOnSignInWithSuccess(ResetSteps.resetWith(server, link, NEW_PASSWORD));
    }

    @Test
    void openingALinkRenewsTheSessionSoAPlantedSessionIdGetsNothing(TestServer server) {
        String email = Accounts.register(server, "fixation");
        String link = ResetSteps.requestLink(server, email);
        // Pages keep no session for anonymous visitors: the attacker gets one by opening a link of their own.
        ResetSteps.OpenedLink attackers = ResetSteps.openNewAccountsLink(server, "fixation-attacker");
        WebClient attacker = attackers.web();
        String planted = attacker.cookie("JSESSIONID").orElseThrow();
        WebClient victim = new WebClient(server);
        victim.plantCookie("JSESSIONID", planted);

        WebClient.Page form = ResetSteps.open(victim, link);

        assertThat(form.document().getElementById("reset")).as("the owner gets the form").isNotNull();
        assertInvalidLinkPage(attacker.get("/reset-password"));
        assertThat(victim.cookie("JSESSIONID")).isPresent().get().isNotEqualTo(planted);
    }

    @Test
    void resetPageShowsWhoseAccountItIsMasked(TestServer server) {
        ResetSteps.OpenedLink opened = ResetSteps.openNewAccountsLink(server, "masked");
        String masked = opened.email().charAt(0) + "•••" + opened.email().substring(opened.email().indexOf('@'));

        assertThat(opened.form().text()).contains("This link sets the password of the account " + masked + ".")
                .doesNotContain(opened.email());
    }

    @Test
    void rejectedPasswordDoesNotBurnTheToken(TestServer server) {
        ResetSteps.OpenedLink opened = ResetSteps.openNewAccountsLink(server, "rejected");
        String email = opened.email();
        WebClient web = opened.web();
        WebClient.Page form = opened.form();

        WebClient.Page mismatch = ResetSteps.setPassword(web, form, NEW_PASSWORD, NEW_PASSWORD + "x");
        assertThat(mismatch.text()).contains("The two passwords do not match");
        WebClient.Page tooShort = ResetSteps.setPassword(web, mismatch, "short", "short");
        assertThat(tooShort.text()).contains("This password is too short");
        WebClient.Page tooLong = ResetSteps.setPassword(web, tooShort, "x".repeat(129), "x".repeat(129));
        assertThat(tooLong.text()).contains("at most 128 characters");

        assertLandedOnSignInWithSuccess(ResetSteps.setPassword(web, tooLong, NEW_PASSWORD, NEW_PASSWORD));
        assertThat(Accounts.isSignedIn(Accounts.signIn(server, email, NEW_PASSWORD))).isTrue();
    }

    @Test
    void badTokensGetOneCalmInvalidLinkPage(TestServer server) {
        String email = Accounts.register(server, "bad-tokens");
        String link = ResetSteps.requestLink(server, email);
        String token = ResetSteps.token(link);
        String base = link.substring(0, link.indexOf('?'));
        String swapped = token.chars().mapToObj(c -> Character.isUpperCase(c)
                ? String.valueOf((char) c).toLowerCase(Locale.ROOT)
                : String.valueOf((char) c).toUpperCase(Locale.ROOT)).reduce("", String::concat);

        List<String> hostile = List.of(
                base + "?token=",
                base + "?token=" + "A".repeat(5_000),
                base + "?token=" + token + "&token=" + token,
                base + "?token[]=" + token,
                base + "?token=" + swapped,
                base + "?token=" + token.substring(1),
                base + "?token=%00%0d%0a" + token.substring(3),
                base + "?token=%3Cscript%3Ealert(1)%3C%2Fscript%3E",
                base + "?token=' OR '1'='1");
        for (String url : hostile) {
            WebClient web = new WebClient(server);
            WebClient.Page first = web.request("GET", url.replace(" ", "%20").replace("'", "%27"));
            assertThat(first.status()).as(url).isEqualTo(303);
            assertInvalidLinkPage(web.get("/reset-password"));
        }
        assertLandedOnSignInWithSuccess(ResetSteps.resetWith(server, link, NEW_PASSWORD));
    }

    @Test
    void twentyParallelSubmissionsOfOneTokenGiveExactlyOneSuccess(TestServer server) throws Exception {
        String email = Accounts.register(server, "race");
        String link = ResetSteps.requestLink(server, email);
        int changedBefore = changedMails(server, email);
        List<WebClient> clients = new ArrayList<>();
        List<WebClient.Page> forms = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            WebClient web = new WebClient(server);
            clients.add(web);
            forms.add(ResetSteps.open(web, link));
        }

        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(20);
        List<Future<WebClient.Page>> results = new ArrayList<>();
        try {
            for (int i = 0; i < 20; i++) {
                WebClient web = clients.get(i);
                WebClient.Page form = forms.get(i);
                String password = NEW_PASSWORD + " " + i;
                Callable<WebClient.Page> submit = () -> {
                    start.await();
                    return ResetSteps.setPassword(web, form, password, password);
                };
                results.add(pool.submit(submit));
            }
            start.countDown();
            int successes = 0;
            int winner = -1;
            for (int i = 0; i < 20; i++) {
                WebClient.Page page = results.get(i).get();
                assertThat(page.status()).isEqualTo(200);
                if (page.uri().getPath().equals("/sign-in")) {
                    successes++;
                    winner = i;
                } else {
                    assertInvalidLinkPage(page);
                }
            }
            assertThat(successes).isEqualTo(1);
            assertThat(Accounts.isSignedIn(Accounts.signIn(server, email, NEW_PASSWORD + " " + winner))).isTrue();
        } finally {
            pool.shutdownNow();
        }
        // Every submission has been answered, so every notice it queued is in the outbox.
        server.awaitOutboxDelivered();
        assertThat(changedMails(server, email) - changedBefore).isEqualTo(1);
    }

    private static int changedMails(TestServer server, String email) {
        return (int) Mailbox.to(server.mail(), email).stream()
                .filter(m -> ResetSteps.CHANGED_MAIL.equals(Mailbox.subject(m))).count();
    }

    /** "table.column" of every text or binary column anywhere in the schema whose value contains the text. */
    private static List<String> rowsContaining(TestServer server, String text) throws Exception {
        List<String> hits = new ArrayList<>();
        try (Connection c = server.database().connect()) {
            List<String[]> columns = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT table_name, column_name FROM information_schema.columns"
                    + " WHERE table_schema = DATABASE() AND data_type IN ('varchar','char','text','mediumtext','longtext','varbinary','binary','blob')")) {
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        columns.add(new String[] {r.getString(1), r.getString(2)});
                    }
                }
            }
            assertThat(columns).as("columns to scan").hasSizeGreaterThan(5);
            for (String[] column : columns) {
                try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM `" + column[0] + "` WHERE INSTR(`" + column[1] + "`, ?) > 0")) {
                    s.setString(1, text);
                    try (ResultSet r = s.executeQuery()) {
                        r.next();
                        if (r.getLong(1) > 0) {
                            hits.add(column[0] + "." + column[1]);
                        }
                    }
                }
            }
        }
        return hits;
    }
}
