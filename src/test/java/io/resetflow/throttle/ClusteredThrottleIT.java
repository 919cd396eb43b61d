package io.resetflow.throttle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.resetflow.testing.Accounts;
import io.resetflow.testing.PayaraMicroServer;
import io.resetflow.testing.Ports;
import io.resetflow.testing.ServerExtension;
import io.resetflow.testing.TestServer;
import io.resetflow.testing.WebClient;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two nodes clustered on loopback (their data grid on 127.0.0.1 only, a cluster name no one else uses)
 * count rate limits together: failures spread over both nodes add up to one account's limit.
 */
@ExtendWith(ServerExtension.class)
class ClusteredThrottleIT {

    @Test
    void failedSignInsOnTwoNodesAddUpToOneLimit(TestServer server) throws Exception {
        int portA = Ports.free();
        int portB = Ports.free();
        String members = "127.0.0.1:" + portA + ",127.0.0.1:" + portB;
        String cluster = "resetflow-it-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
        String email = Accounts.register(server, "cluster");

        try (PayaraMicroServer nodeA = server.startNode("node-a", Map.of(
                     "CLUSTER_NAME", cluster, "CLUSTER_MEMBERS", members, "HZ_PORT", Integer.toString(portA)));
             PayaraMicroServer nodeB = server.startNode("node-b", Map.of(
                     "CLUSTER_NAME", cluster, "CLUSTER_MEMBERS", members, "HZ_PORT", Integer.toString(portB)))) {
            TestServer a = TestServer.at(nodeA);
            TestServer b = TestServer.at(nodeB);
            awaitMembers(nodeB, 2);

            for (int i = 0; i < 5; i++) {
                assertThat(signIn(a, email, "wrong on node a " + i).text()).contains("do not match an account");
                assertThat(signIn(b, email, "wrong on node b " + i).text()).contains("do not match an account");
            }

            assertThat(signIn(b, email, Accounts.PASSWORD).text()).contains("Too many failed sign-ins");
            assertThat(signIn(a, email, Accounts.PASSWORD).text()).contains("Too many failed sign-ins");
        }
        assertThat(signIn(server, email, Accounts.PASSWORD).uri().getPath())
                .as("the single node outside the cluster counts on its own").isEqualTo("/account");
    }

    /** One client, whichever node it reaches: its failures for the account add up on both. */
    private static final String CLIENT = "2001:db8:c105::1";

    private static WebClient.Page signIn(TestServer server, String email, String password) {
        return Accounts.signIn(new WebClient(server, CLIENT), email, password);
    }

    private static void awaitMembers(PayaraMicroServer node, int count) {
        await("a cluster of " + count).atMost(Duration.ofSeconds(60))
                .until(() -> Files.readString(node.log()).contains("DG Size: " + count));
    }
}
