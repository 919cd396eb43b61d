package io.resetflow.throttle;

import static org.assertj.core.api.Assertions.assertThat;

import io.resetflow.testing.Accounts;
import io.resetflow.testing.ServerExtension;
import io.resetflow.testing.TestServer;
import io.resetflow.testing.WebClient;
import io.resetflow.testing.infrastructure.Cluster;
import io.resetflow.testing.infrastructure.PayaraMicroServer;
import java.util.List;
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
        String email = Accounts.register(server, "cluster");

        List<PayaraMicroServer> nodes = Cluster.of("resetflow-it", 2).start(List.of(
                TestServer.nodeLaunch("node-a", server.database(), server.mail().port(), Map.of()),
                TestServer.nodeLaunch("node-b", server.database(), server.mail().port(), Map.of())));
        try {
            TestServer a = TestServer.at(nodes.get(0));
            TestServer b = TestServer.at(nodes.get(1));

            for (int i = 0; i < 5; i++) {
                assertThat(signIn(a, email, "wrong on node a " + i).text()).contains("do not match an account");
                assertThat(signIn(b, email, "wrong on node b " + i).text()).contains("do not match an account");
            }

            assertThat(signIn(b, email, Accounts.PASSWORD).text()).contains("Too many failed sign-ins");
            assertThat(signIn(a, email, Accounts.PASSWORD).text()).contains("Too many failed sign-ins");
        } finally {
            nodes.forEach(PayaraMicroServer::close);
        }
        assertThat(signIn(server, email, Accounts.PASSWORD).uri().getPath())
                .as("the single node outside the cluster counts on its own").isEqualTo("/account");
    }

    /** One client, whichever node it reaches: its failures for the account add up on both. */
    private static final String CLIENT = "2001:db8:c105::1";

    private static WebClient.Page signIn(TestServer server, String email, String password) {
        return Accounts.signIn(new WebClient(server, CLIENT), email, password);
    }
}
