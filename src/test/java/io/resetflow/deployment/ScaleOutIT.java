package io.resetflow.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.resetflow.passwordreset.ResetSteps;
import io.resetflow.testing.Accounts;
import io.resetflow.testing.Deployment;
import io.resetflow.testing.MailSink;
import io.resetflow.testing.ServerExtension;
import io.resetflow.testing.TestDatabase;
import io.resetflow.testing.TestServer;
import io.resetflow.testing.WebClient;
import io.resetflow.testing.infrastructure.Balancer;
import io.resetflow.testing.infrastructure.Cluster;
import io.resetflow.testing.infrastructure.PayaraMicroServer;
import io.resetflow.testing.infrastructure.Ports;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two nodes behind HAProxy, round robin without stickiness, so that each request of one person lands on the other
 * node than the one before: their sessions live in the nodes' data grid, and any node serves any step. The nodes
 * have a database and a mail server of their own; the last test kills one of them.
 */
@ExtendWith(ServerExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScaleOutIT {

    private static final String NEW_PASSWORD = "a new passphrase set on a cluster";

    private static TestDatabase database;
    private static MailSink mail;
    private static final List<PayaraMicroServer> nodes = new ArrayList<>();
    private static Cluster cluster;
    private static Balancer balancer;
    private static Deployment product;

    @BeforeAll
    static void startTwoNodesBehindTheBalancer(TestServer server) throws Exception {
        Balancer.requireHaproxy();
        database = server.database().sibling("scale_out");
        mail = new MailSink(Ports.free()).start();
        int balancerPort = Ports.free();
        cluster = Cluster.of("resetflow-scale-out", 2);
        // Links in mails lead to the balancer, as in production.
        Map<String, String> behindTheBalancer = Map.of("APP_BASE_URL", Balancer.baseUrl(balancerPort));
        nodes.addAll(cluster.start(List.of(
                TestServer.nodeLaunch("scale-out-node-1", database, mail.port(), behindTheBalancer),
                TestServer.nodeLaunch("scale-out-node-2", database, mail.port(), behindTheBalancer))));
        balancer = Balancer.start(balancerPort, nodes.get(0).workDir().resolveSibling("balancer"),
                nodes.stream().map(PayaraMicroServer::baseUri).toList());
        product = Deployment.at(balancer.baseUri(), mail);
    }

    @AfterAll
    static void stopEverything() throws Exception {
        if (balancer != null) {
            balancer.close();
        }
        nodes.forEach(PayaraMicroServer::close);
        if (mail != null) {
            mail.close();
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    @Order(1)
    void theWholeFlowPassesWithEachRequestOnTheOtherNode() {
        int before = balancer.served().size();
        String email = Accounts.register(product, "scale-out-flow");
        WebClient signedIn = Accounts.signIn(product, email, Accounts.PASSWORD);
        assertThat(Accounts.isSignedIn(signedIn)).isTrue();

        String link = ResetSteps.requestLink(product, email);
        ResetSteps.assertLandedOnSignInWithSuccess(ResetSteps.resetWith(product, link, NEW_PASSWORD));
        assertThat(Accounts.isSignedIn(signedIn)).as("the session from before the reset").isFalse();
        assertThat(Accounts.signIn(new WebClient(product), email, Accounts.PASSWORD).text()).contains("do not match an account");
        assertThat(Accounts.isSignedIn(Accounts.signIn(product, email, NEW_PASSWORD))).isTrue();

        List<Balancer.Served> all = balancer.served();
        List<Balancer.Served> served = all.subList(before, all.size());
        assertThat(served).as("requests through the balancer").hasSizeGreaterThan(20);
        for (int i = 1; i < served.size(); i++) {
            assertThat(served.get(i).node()).as("request %d (%s) went to the other node than the one before", i, served.get(i))
                    .isNotEqualTo(served.get(i - 1).node());
        }
        assertThat(served).extracting(Balancer.Served::path)
                .contains("/finish-registration", "/sign-in", "/account", "/forgot-password", "/reset-password")
                .allSatisfy(path -> assertThat(path).doesNotContain("token"));
    }

    @Test
    @Order(2)
    void signingOutOnOneNodeEndsTheSessionOnEveryNode() {
        WebClient web = signedInOnBothNodes(Accounts.register(product, "scale-out-sign-out"));
        String sessionId = web.cookie("JSESSIONID").orElseThrow();
        String version = web.cookie("JSESSIONIDVERSION").orElseThrow();

        WebClient.Page signedOut = web.submit(web.get("/account"), "sign-out", Map.of());
        assertThat(signedOut.uri().getPath()).isEqualTo("/sign-in");

        for (PayaraMicroServer node : nodes) {
            for (boolean withVersion : new boolean[] {true, false}) {
                WebClient thief = new WebClient(node.baseUri(), "198.51.100.23");
                thief.plantCookie("JSESSIONID", sessionId);
                if (withVersion) {
                    thief.plantCookie("JSESSIONIDVERSION", version);
                }
                assertThat(Accounts.isSignedIn(thief)).as("the signed-out session on %s (version cookie: %s)", node.baseUri(), withVersion)
                        .isFalse();
            }
        }
    }

    @Test
    @Order(3)
    void aPasswordChangeEndsTheAccountsSessionsOnEveryNode() {
        String email = Accounts.register(product, "scale-out-reset-ends");
        WebClient web = signedInOnBothNodes(email);
        String sessionId = web.cookie("JSESSIONID").orElseThrow();

        ResetSteps.assertLandedOnSignInWithSuccess(ResetSteps.resetWith(product, ResetSteps.requestLink(product, email), NEW_PASSWORD));

        for (PayaraMicroServer node : nodes) {
            WebClient sameSession = new WebClient(node.baseUri(), "198.51.100.24");
            sameSession.plantCookie("JSESSIONID", sessionId);
            assertThat(Accounts.isSignedIn(sameSession)).as("the session on %s", node.baseUri()).isFalse();
        }
    }

    /** Signs in through the balancer and opens the account page twice: both nodes serve the session and keep a copy. */
    private static WebClient signedInOnBothNodes(String email) {
        WebClient web = Accounts.signIn(product, email, Accounts.PASSWORD);
        assertThat(Accounts.isSignedIn(web)).isTrue();
        assertThat(Accounts.isSignedIn(web)).isTrue();
        return web;
    }

    @Test
    @Order(4)
    void aProcessWithTheWrongGridSettingsDoesNotJoinOrRead() throws Exception {
        int grid = cluster.gridPort(0);
        // The grid listens on the cluster interface alone, not on every address of the host.
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", grid), 2000);
        }
        assertThatThrownBy(() -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.2", grid), 2000);
            }
        }).as("the grid port on another address of this host").isInstanceOf(ConnectException.class);

        // A member that has the grid's address but not its name stays alone.
        Config config = new Config().setClusterName("not-" + cluster.name())
                .setProperty("hazelcast.phone.home.enabled", "false")
                .setProperty("hazelcast.max.join.seconds", "10")
                .setProperty("hazelcast.logging.type", "none");
        config.getNetworkConfig().setPort(Ports.free()).setPortAutoIncrement(false);
        config.getNetworkConfig().getInterfaces().setEnabled(true).addInterface("127.0.0.1");
        JoinConfig join = config.getNetworkConfig().getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true).addMember("127.0.0.1:" + grid);
        HazelcastInstance stranger = Hazelcast.newHazelcastInstance(config);
        try {
            assertThat(stranger.getCluster().getMembers()).hasSize(1);
        } finally {
            stranger.shutdown();
        }
        assertThat(Files.readString(nodes.get(0).log())).as("the node it asked").contains("Received an invalid join request");
        for (PayaraMicroServer node : nodes) {
            assertThat(Files.readString(node.log())).doesNotContain("DG Size: 3");
        }

        // A client that has the grid's address but not its name is refused before it can read anything.
        ClientConfig client = new ClientConfig().setClusterName("not-" + cluster.name())
                .setProperty("hazelcast.phone.home.enabled", "false")
                .setProperty("hazelcast.logging.type", "none");
        client.getNetworkConfig().addAddress("127.0.0.1:" + grid);
        client.getConnectionStrategyConfig().getConnectionRetryConfig().setClusterConnectTimeoutMillis(5000);
        assertThatThrownBy(() -> HazelcastClient.newHazelcastClient(client).shutdown())
                .as("a client with the wrong cluster name").isInstanceOf(IllegalStateException.class).hasMessageContaining("Unable to connect");
    }

    /** Last: it leaves one node dead. */
    @Test
    @Order(5)
    void aNodeKilledBetweenOpeningTheLinkAndSubmittingLeavesTheSubmissionToTheOther() throws Exception {
        String email = Accounts.register(product, "scale-out-kill");
        String link = ResetSteps.requestLink(product, email);
        WebClient web = new WebClient(product);
        WebClient.Page form = ResetSteps.open(web, link);
        assertThat(form.document().getElementById("reset")).as(form.text()).isNotNull();

        // The node that served the form (its view state, the link's digest in the session) dies as in a power cut.
        // HAProxy logs a request once it has answered it: the form's line may come a moment after the page.
        String servedBy = await("HAProxy logging the form's request").atMost(Duration.ofSeconds(10))
                .until(balancer::lastServed, last -> last.filter(r -> r.method().equals("GET") && r.path().equals("/reset-password")).isPresent())
                .orElseThrow().node();
        PayaraMicroServer victim = nodes.get(Integer.parseInt(servedBy.substring("node".length())) - 1);
        victim.kill();

        ResetSteps.assertLandedOnSignInWithSuccess(ResetSteps.setPassword(web, form, NEW_PASSWORD, NEW_PASSWORD));
        assertThat(Accounts.isSignedIn(Accounts.signIn(product, email, NEW_PASSWORD))).isTrue();
        await("HAProxy marking the dead node down").atMost(Duration.ofSeconds(30))
                .until(() -> balancer.nodeStates().get(servedBy).equals("DOWN"));
    }
}
