package io.resetflow.throttle;

import static org.assertj.core.api.Assertions.assertThat;

import io.resetflow.passwordreset.ResetSteps;
import io.resetflow.testing.Accounts;
import io.resetflow.testing.Deployment;
import io.resetflow.testing.MailSink;
import io.resetflow.testing.ServerExtension;
import io.resetflow.testing.TestDatabase;
import io.resetflow.testing.TestServer;
import io.resetflow.testing.WebClient;
import io.resetflow.testing.infrastructure.Cluster;
import io.resetflow.testing.infrastructure.PayaraMicroServer;
import io.resetflow.testing.infrastructure.Ports;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two nodes that share nothing but the database ({@code --nocluster}, no data grid), with {@code THROTTLE_STORE=database}:
 * what a cluster on a server without Payara's data grid is, behind a balancer with sticky sessions. Every limit is
 * counted once for both: each node's attempts count against the other's. (12 reset requests per account, 10 failed
 * sign-ins per account from one client, as on the tests' server.)
 */
@ExtendWith(ServerExtension.class)
class SharedLimitsIT {

    private static final AtomicInteger NETWORKS = new AtomicInteger(0xd000);

    private static TestDatabase database;
    private static MailSink mail;
    private static final List<PayaraMicroServer> nodes = new ArrayList<>();
    private static Deployment first;
    private static Deployment second;

    @BeforeAll
    static void startTwoNodesThatShareOnlyTheDatabase(TestServer server) throws Exception {
        database = server.database().sibling("shared_limits");
        mail = new MailSink(Ports.free()).start();
        Map<String, String> databaseStore = Map.of("THROTTLE_STORE", "database");
        nodes.addAll(Cluster.startTogether(List.of(
                TestServer.nodeLaunch("shared-limits-node-1", database, mail.port(), databaseStore),
                TestServer.nodeLaunch("shared-limits-node-2", database, mail.port(), databaseStore))));
        first = Deployment.at(nodes.get(0).baseUri(), mail);
        second = Deployment.at(nodes.get(1).baseUri(), mail);
    }

    @AfterAll
    static void stopEverything() throws Exception {
        nodes.forEach(PayaraMicroServer::close);
        if (mail != null) {
            mail.close();
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    void eachNodeSaysItCountsInTheDatabaseAndJoinsNoGrid() throws Exception {
        for (PayaraMicroServer node : nodes) {
            assertThat(Files.readString(node.log())).contains("Rate limits: counted in the database (throttle.store=database)")
                    .doesNotContain("DG Size: 2");
        }
    }

    @Test
    void resetRequestsForOneAddressCountOnBothNodes() throws Exception {
        String email = Accounts.register(first, Accounts.uniqueEmail("shared-reset"), Accounts.PASSWORD);
        for (int i = 0; i < TestServer.RESET_REQUESTS_PER_ACCOUNT + 2; i++) {
            Deployment node = i % 2 == 0 ? first : second;
            assertThat(ResetSteps.askForLink(node, email).text()).contains(ResetSteps.SENT);
        }

        database.awaitOutboxFinished();
        assertThat(acceptedRequests(email)).as("requests accepted over both nodes").isEqualTo(TestServer.RESET_REQUESTS_PER_ACCOUNT);
        assertThat(database.queryLong("SELECT COUNT(*) FROM resetflow_rate_bucket WHERE limit_name = 'RESET_REQUEST_PER_ACCOUNT'"
                + " AND used = ?", TestServer.RESET_REQUESTS_PER_ACCOUNT)).as("spent account buckets").isPositive();
        assertThat(logOf(nodes.get(0)) + logOf(nodes.get(1))).contains("AUDIT password_reset.throttled limit=account");
    }

    @Test
    void aBurstOverBothNodesAcceptsExactlyTheLimit() throws Exception {
        String email = Accounts.register(first, Accounts.uniqueEmail("shared-burst"), Accounts.PASSWORD);
        int perNode = 20;
        List<WebClient> clients = new ArrayList<>();
        List<WebClient.Page> forms = new ArrayList<>();
        for (int i = 0; i < 2 * perNode; i++) {
            WebClient web = new WebClient(i % 2 == 0 ? first : second);
            clients.add(web);
            forms.add(web.get("/forgot-password"));
        }
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(clients.size());
        try {
            List<CompletableFuture<WebClient.Page>> answers = new ArrayList<>();
            for (int i = 0; i < clients.size(); i++) {
                WebClient web = clients.get(i);
                WebClient.Page form = forms.get(i);
                answers.add(CompletableFuture.supplyAsync(() -> {
                    awaitQuietly(start);
                    return web.submit(form, "forgot", Map.of("email", email));
                }, pool));
            }
            start.countDown();
            assertThat(answers.stream().map(CompletableFuture::join)).allSatisfy(page -> assertThat(page.text()).contains(ResetSteps.SENT));
        } finally {
            pool.shutdownNow();
        }

        database.awaitOutboxFinished();
        assertThat(acceptedRequests(email)).as("requests accepted from %d at once over two nodes", clients.size())
                .isEqualTo(TestServer.RESET_REQUESTS_PER_ACCOUNT);
    }

    @Test
    void failedSignInsFromOneClientCountOnBothNodes() {
        String email = Accounts.register(first, Accounts.uniqueEmail("shared-sign-in"), Accounts.PASSWORD);
        String address = "2001:db8:" + Integer.toHexString(NETWORKS.incrementAndGet()) + "::1";
        WebClient onFirst = new WebClient(first, address);
        WebClient onSecond = new WebClient(second, address);
        for (int i = 0; i < 10; i++) {
            WebClient web = i % 2 == 0 ? onFirst : onSecond;
            assertThat(Accounts.signIn(web, email, "wrong password number " + i).text()).contains("do not match an account");
        }

        assertThat(Accounts.signIn(onFirst, email, Accounts.PASSWORD).text()).contains("Too many failed sign-ins");
        assertThat(Accounts.signIn(onSecond, email, Accounts.PASSWORD).text()).contains("Too many failed sign-ins");
        assertThat(Accounts.signIn(new WebClient(second), email, Accounts.PASSWORD).uri().getPath())
                .as("the owner, from elsewhere").isEqualTo("/account");
    }

    @Test
    void aSignOutIsRecordedWhereEveryNodeReadsIt() throws Exception {
        String email = Accounts.register(first, Accounts.uniqueEmail("shared-sign-out"), Accounts.PASSWORD);
        long before = database.queryLong("SELECT COUNT(*) FROM resetflow_ended_sign_in");
        WebClient web = Accounts.signIn(second, email, Accounts.PASSWORD);
        WebClient.Page account = web.get("/account");
        web.submit(account, "sign-out", Map.of());

        assertThat(Accounts.isSignedIn(web)).isFalse();
        assertThat(database.queryLong("SELECT COUNT(*) FROM resetflow_ended_sign_in WHERE ends_at > UTC_TIMESTAMP(6)"))
                .as("ended sign-ins on record").isEqualTo(before + 1);
    }

    private static long acceptedRequests(String email) throws java.sql.SQLException {
        return database.queryLong("SELECT COUNT(*) FROM resetflow_mail_outbox WHERE kind = 'password_reset' AND canonical_email = ?", email);
    }

    private static String logOf(PayaraMicroServer node) throws java.io.IOException {
        return Files.readString(node.log());
    }

    private static void awaitQuietly(CountDownLatch start) {
        try {
            start.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
