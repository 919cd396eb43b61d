package io.resetflow.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Choosing a language keeps everything else the address carried, and never leads to another host. */
class LanguageFilterTest {

    @Test
    void onlyTheLanguageParameterIsDropped() {
        assertThat(LanguageFilter.otherParameters(null)).isEmpty();
        assertThat(LanguageFilter.otherParameters("lang=de")).isEmpty();
        assertThat(LanguageFilter.otherParameters("token=abc&lang=de")).isEqualTo("?token=abc");
        assertThat(LanguageFilter.otherParameters("lang=de&token=abc&language=x")).isEqualTo("?token=abc&language=x");
    }

    @Test
    void theWayBackIsAlwaysAPathOnThisHost() {
        assertThat(LanguageFilter.samePath("/sign-in")).isEqualTo("/sign-in");
        assertThat(LanguageFilter.samePath("/")).isEqualTo("/");
        assertThat(LanguageFilter.samePath("//evil.example/x")).isEqualTo("/evil.example/x");
        assertThat(LanguageFilter.samePath("/\\evil.example")).isEqualTo("/evil.example");
        assertThat(LanguageFilter.samePath("///\\//evil.example")).isEqualTo("/evil.example");
    }
}
