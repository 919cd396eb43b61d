package io.resetflow.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.resetflow.passwordreset.ResetSteps;
import io.resetflow.testing.Accounts;
import io.resetflow.testing.Mailbox;
import io.resetflow.testing.ServerExtension;
import io.resetflow.testing.TestServer;
import io.resetflow.testing.WebClient;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every form field of every page gets hostile values through the real pages. Expected: a clear validation
 * message or the normal answer; never a 5xx, never a stack trace, never a reflected script; nothing stored
 * half-way; no account without a confirmed address; mail with one recipient and no injected headers.
 */
@ExtendWith(ServerExtension.class)
class HostileInputIT {

    static final List<String> PAYLOADS = List.of(
            "x".repeat(1_000_000),
            "a\u200Bb@example.org",
            "\u202Eadmin@example.org",
            "e\u0301\u0301\u0301@example.org",
            "adm\u0131n@example.org",
            "\u212Aelvin@example.org",
            "\uFF41\uFF44\uFF4D\uFF49\uFF4E@example.org",
            "nul\u0000@example.org",
            "victim@example.org\r\nBcc: attacker@evil.example",
            "victim@example.org%0d%0aBcc:attacker@evil.example",
            "victim@example.org\nSubject: hijacked",
            "' OR '1'='1' -- ",
            "admin@example.org'; DROP TABLE resetflow_app_user; --",
            "<script>alert('xss')</script>",
            "\"><img src=x onerror=alert(1)>@example.org",
            "${7*7}#{7*7}",
            "../../../../etc/passwd",
            "");

    private static final Map<String, List<String>> FORMS = Map.of(
            "/register", List.of("email"),
            "/sign-in", List.of("email", "password"),
            "/forgot-password", List.of("email"));

    @Test
    void everyFieldOfEveryFormSurvivesHostileValues(TestServer server) throws Exception {
        String victim = Accounts.register(server, "victim");
        long usersBefore = server.database().queryLong("SELECT COUNT(*) FROM resetflow_app_user");

        for (var form : FORMS.entrySet()) {
            String formId = form.getKey().substring(1).replace("-password", "");
            for (String field : form.getValue()) {
                for (String payload : PAYLOADS) {
                    WebClient web = new WebClient(server);
                    Map<String, String> values = validValues(formId);
                    values.put(field, payload.replace("victim@example.org", victim));
                    WebClient.Page page = web.submit(web.get(form.getKey()), formId, values);
                    assertSafe(page, form.getKey() + " " + field + "=" + abbreviate(payload));
                }
            }
        }

        assertThat(server.database().queryLong("SELECT COUNT(*) FROM resetflow_app_user")).as("accounts exist only after a link is followed").isEqualTo(usersBefore);
        assertThat(server.database().queryLong("SELECT COUNT(*) FROM resetflow_app_user WHERE email = '' OR display_name = ''"
                + " OR password_hash = ''")).as("half-stored accounts").isZero();
        server.awaitOutboxDelivered();
        for (MimeMessage mail : server.mail().received()) {
            List<String> recipients = Mailbox.recipients(mail);
            assertThat(recipients).hasSize(1);
            assertThat(recipients.get(0)).doesNotContain("evil.example");
            assertThat(Mailbox.header(mail, "Bcc")).isEmpty();
            assertThat(Mailbox.subject(mail)).isIn(productSubjects());
        }
        assertThat(Mailbox.to(server.mail(), "attacker@evil.example")).isEmpty();
    }

    /** The subjects of the product's four mails in every language: nothing typed by anyone ever becomes one. */
    private static List<String> productSubjects() {
        java.util.ResourceBundle.Control exact = java.util.ResourceBundle.Control.getNoFallbackControl(
                java.util.ResourceBundle.Control.FORMAT_PROPERTIES);
        return Languages.SUPPORTED.stream()
                .flatMap(language -> java.util.stream.Stream.of("reset_link", "password_changed", "confirm_address", "address_taken")
                        .map(mail -> java.util.ResourceBundle.getBundle(Messages.BUNDLE, language, exact).getString("mail." + mail + ".subject")))
                .toList();
    }

    @Test
    void resetFormSurvivesHostileValuesAndKeepsTheToken(TestServer server) {
        ResetSteps.OpenedLink opened = ResetSteps.openNewAccountsLink(server, "hostile-reset");
        String link = opened.link();
        WebClient web = opened.web();
        WebClient.Page page = opened.form();
        for (String payload : PAYLOADS) {
            for (String field : List.of("password", "confirmation")) {
                Map<String, String> values = new LinkedHashMap<>(Map.of("password", "fine password for now", "confirmation", "different one here"));
                values.put(field, payload);
                WebClient.Page answer = web.submit(page, "reset", values);
                assertSafe(answer, "reset " + field + "=" + abbreviate(payload));
                assertThat(answer.uri().getPath()).isEqualTo("/reset-password");
                page = answer.document().getElementById("reset") != null ? answer : ResetSteps.open(web, link);
            }
        }
        ResetSteps.assertLandedOnSignInWithSuccess(ResetSteps.resetWith(server, link, "the password after hostile input"));
    }

    @Test
    void finishRegistrationFormSurvivesHostileValuesAndKeepsTheLink(TestServer server) throws Exception {
        String email = Accounts.uniqueEmail("hostile-registration");
        String link = Accounts.requestRegistrationLink(server, email);
        WebClient web = new WebClient(server);
        WebClient.Page page = web.get(link);
        for (String payload : PAYLOADS) {
            for (String field : List.of("displayName", "password", "confirmation")) {
                Map<String, String> values = new LinkedHashMap<>(Map.of("displayName", "Hostile Tester",
                        "password", "fine password for now", "confirmation", "different one here"));
                values.put(field, payload);
                WebClient.Page answer = web.submit(page, "finish", values);
                assertSafe(answer, "finish " + field + "=" + abbreviate(payload));
                assertThat(answer.uri().getPath()).isEqualTo("/finish-registration");
                page = answer.document().getElementById("finish") != null ? answer : web.get(link);
            }
        }
        assertThat(server.database().queryLong("SELECT COUNT(*) FROM resetflow_app_user WHERE canonical_email = ?", email)).isZero();
        WebClient.Page account = web.submit(web.get(link), "finish", Map.of("displayName", "Finally Someone",
                "password", "the password after hostile input", "confirmation", "the password after hostile input"));
        assertThat(account.uri().getPath()).isEqualTo("/account");
    }

    @Test
    void repeatedArrayStyleAndMissingOrForgedParametersGetACalmAnswer(TestServer server) {
        String email = Accounts.register(server, "params");
        WebClient web = new WebClient(server);
        WebClient.Page page = web.get("/forgot-password");
        Element form = page.document().getElementById("forgot");
        String action = form.absUrl("action");
        Map<String, String> fields = new LinkedHashMap<>();
        for (Element input : form.select("input[name]")) {
            fields.put(input.attr("name"), input.val());
        }
        fields.put("forgot:submit", "");
        fields.put("primefaces.nonce", page.document().selectFirst("script[nonce]").attr("nonce"));

        List<String> bodies = new ArrayList<>();
        String base = WebClient.encode(fields);
        bodies.add(base + "&forgot%3Aemail=" + email + "&forgot%3Aemail=attacker%40evil.example");
        bodies.add(base + "&forgot%3Aemail%5B%5D=" + email);
        bodies.add(base.replaceAll("jakarta.faces.ViewState=[^&]*", "jakarta.faces.ViewState=forged%3A123"));
        bodies.add(base.replaceAll("&?jakarta.faces.ViewState=[^&]*", ""));
        bodies.add(base.replaceAll("primefaces.nonce=[^&]*", "primefaces.nonce=forged"));
        bodies.add(base.replaceAll("&?primefaces.nonce=[^&]*", ""));
        for (String body : bodies) {
            WebClient.Page answer = web.post(URI.create(action), body);
            assertSafe(answer, body.substring(Math.max(0, body.length() - 80)));
            page = web.get("/forgot-password");
        }
        WebClient.Page forgedViewState = web.post(URI.create(action), bodies.get(2));
        assertThat(forgedViewState.status()).isEqualTo(400);
        assertThat(forgedViewState.text()).contains("This page has expired");
        WebClient.Page forgedNonce = web.post(URI.create(action), bodies.get(4));
        assertThat(forgedNonce.status()).isEqualTo(400);
        assertThat(forgedNonce.text()).contains("Something was wrong with that request");
        assertThat(Mailbox.to(server.mail(), "attacker@evil.example")).isEmpty();
    }

    private static Map<String, String> validValues(String formId) {
        Map<String, String> values = new LinkedHashMap<>();
        switch (formId) {
            case "sign-in" -> {
                values.put("email", Accounts.uniqueEmail("hostile"));
                values.put("password", "a perfectly fine passphrase");
            }
            default -> values.put("email", Accounts.uniqueEmail("hostile"));
        }
        return values;
    }

    static void assertSafe(WebClient.Page page, String what) {
        assertThat(page.status()).as(what).isLessThan(500);
        assertThat(page.body()).as(what)
                .doesNotContainPattern("\\bat [\\w.$]+\\([\\w.]+:\\d+\\)")
                .doesNotContain("Caused by")
                .doesNotContain("<script>alert('xss')</script>")
                .doesNotContain("<img src=x onerror")
                .doesNotContain(">49<");
    }

    private static String abbreviate(String payload) {
        return payload.length() > 60 ? payload.substring(0, 20) + "...(" + payload.length() + " chars)" : payload;
    }
}
