package io.resetflow.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.resetflow.testing.ServerExtension;
import io.resetflow.testing.TestServer;
import io.resetflow.testing.WebClient;
import java.util.List;
import java.util.Map;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Pages follow the browser's languages, a switcher that needs no script overrides them, and lang is set. */
@ExtendWith(ServerExtension.class)
class LanguageIT {

    private static final List<String> PAGES = List.of("/", "/sign-in", "/register", "/forgot-password", "/reset-password", "/nowhere");

    private static final Map<String, String> FORGOT_TITLE = Map.of(
            "en", "Forgot your password?",
            "de", "Passwort vergessen?",
            "fr", "Mot de passe oublié ?",
            "es", "¿Ha olvidado su contraseña?");

    @Test
    void everyPageIsInTheBestLanguageTheBrowserAsksForWithLangSet(TestServer server) {
        Map<String, String> asked = Map.of(
                "de-DE,de;q=0.9,en;q=0.5", "de",
                "fr-CA,fr;q=0.8", "fr",
                "es-419,es;q=0.9", "es",
                "ja,ko;q=0.5", "en",
                "pt-BR,de;q=0.3", "de");
        asked.forEach((acceptLanguage, language) -> {
            WebClient web = new WebClient(server).acceptingLanguages(acceptLanguage);
            for (String path : PAGES) {
                WebClient.Page page = web.get(path);
                assertThat(page.document().selectFirst("html").attr("lang")).as(acceptLanguage + " " + path).isEqualTo(language);
            }
            assertThat(web.get("/forgot-password").document().selectFirst("h1").text()).as(acceptLanguage).isEqualTo(FORGOT_TITLE.get(language));
        });
    }

    @Test
    void theSwitcherIsAPlainLinkThatKeepsTheChoiceOverTheBrowsersLanguage(TestServer server) {
        WebClient web = new WebClient(server).acceptingLanguages("de");
        WebClient.Page german = web.get("/sign-in");
        List<String> offered = german.document().select("nav.languages a").eachAttr("hreflang");
        assertThat(offered).containsExactly("en", "de", "fr", "es");
        Element current = german.document().selectFirst("nav.languages a[aria-current=true]");
        assertThat(current.attr("hreflang")).isEqualTo("de");
        assertThat(current.text()).isEqualTo("Deutsch");

        WebClient.Page chosen = web.request("GET", "/sign-in?lang=es");
        assertThat(chosen.status()).isEqualTo(303);
        assertThat(chosen.header("Location")).hasValue("/sign-in");
        assertThat(chosen.header("Set-Cookie").orElseThrow()).startsWith("lang=es").contains("HttpOnly").contains("SameSite=Lax");

        WebClient.Page elsewhere = web.request("GET", server.baseUri() + "/evil.example?lang=es");
        assertThat(elsewhere.status()).isEqualTo(303);
        assertThat(elsewhere.header("Location")).as("a path starting with // would send the browser to another host")
                .hasValue("/evil.example");

        WebClient.Page spanish = web.get("/sign-in");
        assertThat(spanish.document().selectFirst("html").attr("lang")).isEqualTo("es");
        assertThat(spanish.document().selectFirst("h1").text()).isEqualTo("Iniciar sesión");
        assertThat(web.get("/forgot-password?lang=xx").document().selectFirst("html").attr("lang"))
                .as("an unknown language changes nothing").isEqualTo("es");
    }
}
