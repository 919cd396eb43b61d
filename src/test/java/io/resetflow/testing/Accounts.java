package io.resetflow.testing;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeMessage;
import java.util.List;
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

    /** The subject of the mail with a registration link. */
    public static final String CONFIRM_MAIL = "Confirm your address to create your account";
    /** What /register answers to every address. */
    public static final String SENT = "A mail is on its way to that address.";

    /**
     * Registers as a person does: asks for a link on /register, follows it from the mail, and chooses a name
     * and a password; the new account is then signed in, in a client this returns nothing of. Returns the address.
     */
    public static String register(Deployment product, String email, String password) {
        String link = requestRegistrationLink(product, email);
        WebClient web = new WebClient(product);
        WebClient.Page account = web.submit(web.get(link), "finish", Map.of(
                "displayName", "Test Person", "password", password, "confirmation", password));
        assertThat(account.uri().getPath()).as(account.text()).isEqualTo("/account");
        return email;
    }

    /** Asks for a registration link for this address and returns it from the mail that arrives. */
    public static String requestRegistrationLink(Deployment product, String email) {
        String recipient = email.strip(); // mail goes to the address as typed, less surrounding space
        int before = Mailbox.to(product.mail(), recipient, CONFIRM_MAIL).size();
        WebClient web = new WebClient(product);
        WebClient.Page answer = web.submit(web.get("/register"), "register", Map.of("email", email));
        assertThat(answer.text()).contains(SENT);
        List<MimeMessage> mails = Mailbox.await(product.mail(), recipient, CONFIRM_MAIL, before + 1);
        return Mailbox.link(mails.get(mails.size() - 1), "/finish-registration");
    }

    public static String register(Deployment product, String tag) {
        return register(product, uniqueEmail(tag), PASSWORD);
    }

    /** Signs in through /sign-in; returns the client, signed in, on the page it landed on. */
    public static WebClient signIn(Deployment product, String email, String password) {
        WebClient web = new WebClient(product);
        signIn(web, email, password);
        return web;
    }

    /** Signs in through /sign-in in this client; returns the page the sign-in answered with. */
    public static WebClient.Page signIn(WebClient web, String email, String password) {
        return web.submit(web.get("/sign-in"), "sign-in", Map.of("email", email, "password", password));
    }

    public static boolean isSignedIn(WebClient web) {
        WebClient.Page page = web.get("/account");
        return page.status() == 200 && page.uri().getPath().equals("/account");
    }
}
