package io.resetflow.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.resetflow.testing.Accounts;
import io.resetflow.testing.ServerExtension;
import io.resetflow.testing.TestServer;
import io.resetflow.testing.WebClient;
import io.resetflow.testing.infrastructure.Balancer;
import io.resetflow.testing.infrastructure.Ports;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Behind HAProxy set up as some balancers are, writing the client's address with the port of its connection
 * ({@code 203.0.113.7:51234}, {@code [2001:db8::7]:51234}): every connection of one client is that one client for
 * the per-client limits, and an entry that names no address counts as a client of its own, never as the proxy.
 * The product trusts the balancer (127.0.0.1); the test tells the balancer which address to write for it.
 */
@ExtendWith(ServerExtension.class)
class ForwardedClientIT {

    /** The tests' server allows 30 reset requests per client in its window. */
    private static final int PER_CLIENT = 30;
    private static final Pattern REQUESTED = Pattern.compile("AUDIT password_reset\\.requested request=\\d+ client=(\\S+)");

    private static Balancer balancer;

    @BeforeAll
    static void startTheBalancer(TestServer server) throws Exception {
        Balancer.requireHaproxy();
        Path work = Files.createDirectories(server.log().getParent().resolveSibling("balancer-with-ports"));
        String shipped = Files.readString(Balancer.shippedConfig());
        String line = "http-request set-header X-Forwarded-For %[src]";
        assertThat(shipped).contains(line);
        Path config = work.resolve("haproxy-with-ports.cfg");
        // Each answer closes its connection, so that every request comes from a port of its own.
        Files.writeString(config, shipped.replace(line, "http-request set-header X-Forwarded-For %[req.hdr(X-Test-Client)]:%[src_port]\n"
                + "    option httpclose"));
        balancer = Balancer.start(Ports.free(), work, List.of(server.baseUri()), config);
    }

    @AfterAll
    static void stopTheBalancer() {
        if (balancer != null) {
            balancer.close();
        }
    }

    @Test
    void anIpv4ClientOnManyConnectionsIsOneClient(TestServer server) throws Exception {
        askOnNewConnections(server, "203.0.113.7", PER_CLIENT + 1);

        assertThat(Files.readString(server.log())).contains("AUDIT password_reset.throttled limit=client client=203.0.113.7 ");
    }

    @Test
    void anIpv6ClientInBracketsOnManyConnectionsIsOneClient(TestServer server) throws Exception {
        askOnNewConnections(server, "[2001:db8:77::7]", PER_CLIENT + 1);

        assertThat(Files.readString(server.log())).contains("AUDIT password_reset.throttled limit=client client=2001:db8:77::7 ");
    }

    @Test
    void anEntryThatNamesNoAddressIsAClientOfItsOwnNeverTheProxy(TestServer server) throws Exception {
        int before = requestedBy(server).size();

        askOnNewConnections(server, "not-an-address", 3);

        List<String> clients = requestedBy(server).subList(before, before + 3);
        assertThat(clients).allSatisfy(client -> assertThat(client).startsWith("unparsed-").isNotEqualTo("127.0.0.1"));
    }

    /** Forgot-password requests for unknown addresses through the balancer, each on a connection of its own. */
    private static void askOnNewConnections(TestServer server, String writtenAs, int count) {
        WebClient web = new WebClient(balancer.baseUri(), "ignored: the balancer writes the address");
        WebClient.Page form = web.get("/forgot-password");
        for (int i = 0; i < count; i++) {
            WebClient.PreparedPost post = web.prepare(form, "forgot", Map.of("email", Accounts.uniqueEmail("forwarded")));
            WebClient.Page answer = web.request("POST", post.uri().toString(), post.body(), Map.of("X-Test-Client", writtenAs));
            assertThat(answer.status()).as(answer.body()).isLessThan(400);
        }
        server.awaitResetRequestsProcessed();
    }

    private static List<String> requestedBy(TestServer server) throws Exception {
        Matcher matcher = REQUESTED.matcher(Files.readString(server.log()));
        return matcher.results().map(result -> result.group(1)).collect(Collectors.toList());
    }
}
