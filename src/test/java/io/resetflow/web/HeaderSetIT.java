package io.resetflow.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.resetflow.passwordreset.ResetSteps;
import io.resetflow.testing.Accounts;
import io.resetflow.testing.HeaderSet;
import io.resetflow.testing.ServerExtension;
import io.resetflow.testing.TestServer;
import io.resetflow.testing.WebClient;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kind of answer the product or its container gives carries the same protective headers: pages, redirects,
 * and every error, whatever path it took (a filter's calm page, a forward after Faces failed, the container's error
 * page). The listener's own early refusals: OversizedRequestIT.
 */
@ExtendWith(ServerExtension.class)
class HeaderSetIT {

    /** One way to get an answer of one kind from the server. */
    private record Kind(int status, Function<TestServer, WebClient.Page> answer) {
    }

    static Stream<Arguments> answers() {
        Map<String, Kind> kinds = new LinkedHashMap<>();
        kinds.put("a page", new Kind(200, server -> new WebClient(server).request("GET", "/sign-in")));
        kinds.put("a page's HEAD", new Kind(200, server -> new WebClient(server).request("HEAD", "/forgot-password")));
        kinds.put("the redirect of a mailed link", new Kind(303, server ->
                new WebClient(server).request("GET", ResetSteps.requestLink(server, Accounts.register(server, "headers-link")))));
        kinds.put("the redirect to sign in", new Kind(302, server -> new WebClient(server).request("GET", "/account")));
        kinds.put("the redirect after a post", new Kind(302, server -> {
            WebClient web = new WebClient(server);
            WebClient.PreparedPost post = web.prepare(web.get("/sign-in"), "sign-in",
                    Map.of("email", Accounts.register(server, "headers-sign-in"), "password", Accounts.PASSWORD));
            return web.request("POST", post.uri().toString(), post.body(), Map.of());
        }));
        kinds.put("a forged view state", new Kind(400, server -> {
            ResetSteps.OpenedLink opened = ResetSteps.openNewAccountsLink(server, "headers-forged");
            WebClient.PreparedPost post = opened.web().prepare(opened.form(), "reset",
                    Map.of("password", "a password for a forged view", "confirmation", "a password for a forged view"));
            return opened.web().request("POST", post.uri().toString(),
                    post.body().replaceAll("jakarta\\.faces\\.ViewState=[^&]*", "jakarta.faces.ViewState=-123%3A456"), Map.of());
        }));
        kinds.put("a made-up nonce", new Kind(400, server -> {
            WebClient web = new WebClient(server);
            WebClient.PreparedPost post = web.prepare(web.get("/forgot-password"), "forgot", Map.of("email", Accounts.uniqueEmail("nonce")));
            return web.request("POST", post.uri().toString(),
                    post.body().replaceAll("primefaces\\.nonce=[^&]*", "primefaces.nonce=bWFkZS11cA%3D%3D"), Map.of());
        }));
        kinds.put("a view state on a GET", new Kind(400, server ->
                new WebClient(server).request("GET", "/sign-in?jakarta.faces.ViewState=stateless")));
        kinds.put("a cross-site post", new Kind(403, server -> {
            WebClient web = new WebClient(server);
            WebClient.PreparedPost post = web.prepare(web.get("/forgot-password"), "forgot", Map.of("email", Accounts.uniqueEmail("cross")));
            return web.request("POST", post.uri().toString(), post.body(), Map.of("Sec-Fetch-Site", "cross-site"));
        }));
        kinds.put("a protected page's internals", new Kind(404, server -> new WebClient(server).request("GET", "/WEB-INF/web.xml")));
        kinds.put("no such page", new Kind(404, server -> new WebClient(server).request("GET", "/no-such-page")));
        kinds.put("another method", new Kind(405, server -> new WebClient(server).request("PUT", "/sign-in", "a=b", Map.of())));
        kinds.put("a body too large", new Kind(413, server ->
                new WebClient(server).request("POST", "/forgot-password", "forgot%3Aemail=" + "x".repeat(70_000), Map.of())));
        kinds.put("an address too long", new Kind(414, server -> new WebClient(server).request("GET", "/sign-in?q=" + "x".repeat(9_000))));
        kinds.put("too many headers", new Kind(431, server -> {
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 0; i < 110; i++) {
                headers.put("X-Filler-" + i, "x");
            }
            return new WebClient(server).request("GET", "/sign-in", null, headers);
        }));
        kinds.put("a failure on the server's side", new Kind(500, HeaderSetIT::serverFailure));
        return kinds.entrySet().stream().map(kind -> Arguments.of(kind.getKey(), kind.getValue()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("answers")
    void everyKindOfAnswerCarriesTheWholeHeaderSet(String what, Kind kind, TestServer server) {
        WebClient.Page answer = kind.answer().apply(server);

        assertThat(answer.status()).as(what).isEqualTo(kind.status());
        HeaderSet.assertComplete(what + " (" + answer.status() + ")", answer);
    }

    /** A sign-in while the accounts table is gone for a moment: the calm 500 page. */
    private static WebClient.Page serverFailure(TestServer server) {
        String email = Accounts.register(server, "headers-outage");
        WebClient web = new WebClient(server);
        WebClient.PreparedPost post = web.prepare(web.get("/sign-in"), "sign-in", Map.of("email", email, "password", Accounts.PASSWORD));
        try {
            server.database().update("RENAME TABLE resetflow_app_user TO app_user_unavailable");
            try {
                return web.request("POST", post.uri().toString(), post.body(), Map.of());
            } finally {
                server.database().update("RENAME TABLE app_user_unavailable TO resetflow_app_user");
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
