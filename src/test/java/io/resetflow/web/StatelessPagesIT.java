package io.resetflow.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.resetflow.passwordreset.ResetSteps;
import io.resetflow.testing.Accounts;
import io.resetflow.testing.ServerExtension;
import io.resetflow.testing.TestServer;
import io.resetflow.testing.WebClient;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A visitor who is not signed in and has opened no mailed link leaves nothing on the server: no session, no view
 * state, whatever pages they view and forms they send. A session begins only where there is something to keep
 * (a sign-in, an opened link), and its pages keep their view state.
 */
@ExtendWith(ServerExtension.class)
class StatelessPagesIT {

    private static final List<String> PAGES = List.of("/", "/sign-in", "/register", "/forgot-password", "/reset-password",
            "/reset-password?token=not-a-real-token", "/finish-registration", "/no-such-page", "/account");

    @Test
    void anonymousVisitorsGetNoSessionFromViewsOrPosts(TestServer server) {
        String email = Accounts.register(server, "stateless");
        WebClient web = new WebClient(server);
        for (String path : PAGES) {
            WebClient.Page page = web.get(path);
            assertThat(page.headers().allValues("Set-Cookie")).as(path).noneMatch(cookie -> cookie.contains("JSESSIONID"));
            assertThat(page.document().select("input[name=jakarta.faces.ViewState]").eachAttr("value")).as(path)
                    .allMatch("stateless"::equals);
        }

        assertThat(ResetSteps.askForLink(web, email).text()).contains(ResetSteps.SENT);
        assertThat(web.submit(web.get("/register"), "register", Map.of("email", Accounts.uniqueEmail("stateless"))).text())
                .contains(Accounts.SENT);
        assertThat(web.submit(web.get("/sign-in"), "sign-in", Map.of("email", email, "password", "not the password at all")).text())
                .contains("do not match an account");
        WebClient.Page invalid = web.submit(web.get("/forgot-password"), "forgot", Map.of("email", "not an address"));
        assertThat(invalid.document().select("input[name=jakarta.faces.ViewState]").eachAttr("value"))
                .as("a form shown again with a message is stateless too").containsExactly("stateless");

        assertThat(web.cookie("JSESSIONID")).as("no answer set a session cookie").isEmpty();
        assertThat(ResetSteps.awaitLinkMails(server, email, 1)).as("the stateless post did its work").hasSize(1);
    }

    @Test
    void aSessionBeginsWithSomethingToKeepAndItsPagesKeepTheirViewState(TestServer server) {
        WebClient signedIn = Accounts.signIn(server, Accounts.register(server, "stateful"), Accounts.PASSWORD);
        assertThat(signedIn.cookie("JSESSIONID")).isPresent();
        assertThat(signedIn.get("/account").document().select("input[name=jakarta.faces.ViewState]").eachAttr("value"))
                .singleElement().isNotEqualTo("stateless");

        ResetSteps.OpenedLink opened = ResetSteps.openNewAccountsLink(server, "stateful-link");
        assertThat(opened.web().cookie("JSESSIONID")).isPresent();
        assertThat(opened.form().document().select("input[name=jakarta.faces.ViewState]").eachAttr("value"))
                .singleElement().isNotEqualTo("stateless");
    }

    @Test
    void aPageLoadedBeforeTheSessionBeganStillWorks(TestServer server) {
        String email = Accounts.register(server, "stateless-then-session");
        WebClient web = new WebClient(server);
        WebClient.Page forgot = web.get("/forgot-password");
        WebClient.Page signIn = web.get("/sign-in");

        // In another tab, the same browser opens a reset link: from now on it has a session.
        ResetSteps.open(web, ResetSteps.requestLink(server, Accounts.register(server, "other-tab")));
        assertThat(web.cookie("JSESSIONID")).isPresent();

        assertThat(web.submit(forgot, "forgot", Map.of("email", email)).text()).contains(ResetSteps.SENT);
        assertThat(web.submit(signIn, "sign-in", Map.of("email", email, "password", Accounts.PASSWORD)).uri().getPath())
                .isEqualTo("/account");
    }

    @Test
    void aStatelessPostToAPageThatNeedsASessionGetsTheExpiredPageAndChangesNothing(TestServer server) throws Exception {
        String email = Accounts.register(server, "stateless-into-session");
        WebClient signedIn = Accounts.signIn(server, email, Accounts.PASSWORD);
        WebClient.PreparedPost signOut = signedIn.prepare(signedIn.get("/account"), "sign-out", Map.of());

        WebClient.Page answer = signedIn.request("POST", signOut.uri().toString(), statelessly(signOut.body()), Map.of());

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.text()).contains("This page has expired");
        assertThat(Accounts.isSignedIn(signedIn)).as("still signed in").isTrue();

        ResetSteps.OpenedLink opened = ResetSteps.openNewAccountsLink(server, "stateless-into-reset");
        String password = "a password sent without the view state";
        WebClient.PreparedPost reset = opened.web().prepare(opened.form(), "reset", Map.of("password", password, "confirmation", password));
        assertThat(opened.web().request("POST", reset.uri().toString(), statelessly(reset.body()), Map.of()).status()).isEqualTo(400);
        assertThat(Accounts.isSignedIn(Accounts.signIn(server, opened.email(), password))).as("the password is unchanged").isFalse();
    }

    private static String statelessly(String formBody) {
        return formBody.replaceAll("jakarta\\.faces\\.ViewState=[^&]*", "jakarta.faces.ViewState=stateless");
    }
}
