package io.resetflow.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Creates accounts through the real registration page; each test makes its own. */
public final class Accounts {

    public static final String PASSWORD = "correct horse battery staple";

    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final long RUN = System.currentTimeMillis();

    private Accounts() {
    }

    /** An address no other test (and no earlier run against the same database) uses. */
    public static String uniqueEmail(String tag) {
        return tag + "-" + RUN + "-" + SEQUENCE.incrementAndGet() + "@example.test";
    }

    /** Registers through /register and signs out again; returns the address. */
    public static String register(TestServer server, String email, String password) {
        WebClient web = new WebClient(server);
        WebClient.Page account = web.submit(web.get("/register"), "register", Map.of(
                "email", email, "displayName", "Test Person", "password", password, "confirmation", password));
        assertThat(account.uri().getPath()).as(account.text()).isEqualTo("/account");
        return email;
    }

    public static String register(TestServer server, String tag) {
        return register(server, uniqueEmail(tag), PASSWORD);
    }

    /** Signs in through /sign-in; returns the client, signed in, on the page it landed on. */
    public static WebClient signIn(TestServer server, String email, String password) {
        WebClient web = new WebClient(server);
        web.submit(web.get("/sign-in"), "sign-in", Map.of("email", email, "password", password));
        return web;
    }

    public static boolean isSignedIn(WebClient web) {
        WebClient.Page page = web.get("/account");
        return page.status() == 200 && page.uri().getPath().equals("/account");
    }
}
