package io.resetflow.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.resetflow.passwordreset.ResetSteps;
import io.resetflow.testing.Accounts;
import io.resetflow.testing.Deployment;
import io.resetflow.testing.ServerExtension;
import io.resetflow.testing.TestServer;
import io.resetflow.testing.WebClient;
import io.resetflow.testing.infrastructure.PayaraMicroServer;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A session ended by a password change stays ended, however the next request spells its path. */
@ExtendWith(ServerExtension.class)
class SessionEndIT {

    /** The protected page, spelled the ways a client can make a server see one path where a filter sees another. */
    private static final List<String> VARIANTS = List.of(
            "account",
            "account.xhtml",
            "./account",
            "jakarta.faces.resource/../account",
            "jakarta.faces.resource/%2e%2e/account",
            "jakarta.faces.resource/%2E%2E/account.xhtml",
            "jakarta.faces.resource/..;/account",
            "jakarta.faces.resource/x/../../account",
            "jakarta.faces.resource//../account",
            "account;jsessionid=x",
            "JAKARTA.FACES.RESOURCE/../account");

    @Test
    void endedSessionGoesToSignInOnEveryEncodedAndDottedVariantOfAProtectedPage(TestServer server) {
        String email = Accounts.register(server, "raw-path");
        List<WebClient> sessions = new ArrayList<>();
        for (int i = 0; i < VARIANTS.size(); i++) {
            WebClient web = Accounts.signIn(server, email, Accounts.PASSWORD);
            assertThat(Accounts.isSignedIn(web)).isTrue();
            sessions.add(web);
        }
        String link = ResetSteps.requestLink(server, email);
        ResetSteps.assertLandedOnSignInWithSuccess(ResetSteps.resetWith(server, link, "a password set elsewhere meanwhile"));

        for (int i = 0; i < VARIANTS.size(); i++) {
            String path = VARIANTS.get(i);
            WebClient.Page answer = sessions.get(i).request("GET", server.baseUri() + path);
            assertThat(answer.body()).as(path).doesNotContain("You are signed in as");
            assertThat(answer.status()).as(path).isIn(302, 303, 400, 404);
            if (answer.status() != 404 && answer.status() != 400) {
                assertThat(answer.header("Location")).as(path).hasValueSatisfying(l -> assertThat(l).contains("/sign-in"));
            }
            assertThat(answer.header("Content-Security-Policy")).as(path + " carries the security headers").isPresent();
            assertThat(Accounts.isSignedIn(sessions.get(i))).as(path + " left the session signed in").isFalse();
        }
    }

    /**
     * Sign-ins with the old password race a reset. The account's stored hash is made slow to verify, so the
     * reset commits while the sign-ins are still checking the old password they read. Whatever the order,
     * no session that proved the old password may survive the change. On a node of its own: six checks of the slow
     * hash at once take seconds each, and the server that timed them holds every later failed sign-in that long
     * (its failure floor), which would slow every test after this one.
     */
    @Test
    void noSignInThatOverlapsAResetOutlivesIt(TestServer server) throws Exception {
        try (PayaraMicroServer node = server.startNode("session-race", Map.of())) {
            raceSignInsWithAReset(server, Deployment.at(node.baseUri(), server.mail()));
        }
    }

    private static void raceSignInsWithAReset(TestServer server, Deployment product) throws Exception {
        String email = Accounts.register(product, "sign-in-race");
        server.database().update("UPDATE resetflow_app_user SET password_hash = ? WHERE canonical_email = ?",
                slowHash(Accounts.PASSWORD), email);
        String link = ResetSteps.requestLink(product, email);
        WebClient resetter = new WebClient(product);
        WebClient.Page form = ResetSteps.open(resetter, link);
        List<WebClient> signIns = new ArrayList<>();
        List<WebClient.Page> signInPages = new ArrayList<>();
        for (int i = 0; i < SIGN_INS; i++) {
            WebClient web = new WebClient(product);
            signIns.add(web);
            signInPages.add(web.get("/sign-in"));
        }
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(SIGN_INS);
        try {
            List<CompletableFuture<WebClient.Page>> answers = new ArrayList<>();
            for (int i = 0; i < SIGN_INS; i++) {
                WebClient web = signIns.get(i);
                WebClient.Page page = signInPages.get(i);
                answers.add(CompletableFuture.supplyAsync(() -> {
                    await(start);
                    return web.submit(page, "sign-in", java.util.Map.of("email", email, "password", Accounts.PASSWORD));
                }, pool));
            }
            start.countDown();
            ResetSteps.assertLandedOnSignInWithSuccess(ResetSteps.setPassword(resetter, form, NEW_PASSWORD, NEW_PASSWORD));
            CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).join();
        } finally {
            pool.shutdownNow();
        }

        for (int i = 0; i < SIGN_INS; i++) {
            assertThat(Accounts.isSignedIn(signIns.get(i))).as("sign-in %d outlived the reset", i).isFalse();
        }
        assertThat(Accounts.isSignedIn(Accounts.signIn(product, email, NEW_PASSWORD))).isTrue();
    }

    private static final int SIGN_INS = 6;
    private static final String NEW_PASSWORD = "the password that replaced the old one";

    /** A hash of the password in the product's format with many iterations: slow to verify, and not upgraded. */
    private static String slowHash(String password) throws Exception {
        int iterations = 400_000;
        byte[] salt = new byte[32];
        new SecureRandom().nextBytes(salt);
        byte[] key = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                .generateSecret(new PBEKeySpec(password.toCharArray(), salt, iterations, 256)).getEncoded();
        Base64.Encoder base64 = Base64.getEncoder();
        return "PBKDF2WithHmacSHA256:" + iterations + ":" + base64.encodeToString(salt) + ":" + base64.encodeToString(key);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
