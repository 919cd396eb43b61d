package io.resetflow.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Choosing a language keeps everything else the address carried. */
class LanguageFilterTest {

    @Test
    void onlyTheLanguageParameterIsDropped() {
        assertThat(LanguageFilter.otherParameters(null)).isEmpty();
        assertThat(LanguageFilter.otherParameters("lang=de")).isEmpty();
        assertThat(LanguageFilter.otherParameters("token=abc&lang=de")).isEqualTo("?token=abc");
        assertThat(LanguageFilter.otherParameters("lang=de&token=abc&language=x")).isEqualTo("?token=abc&language=x");
    }
}
