package io.resetflow.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;

class LanguagesTest {

    @Test
    void fromRawHeadersTheCookieWinsThenTheBrowsersBestSupportedLanguage() {
        assertThat(Languages.forHeaders("a=b; lang=es; c=d", "de")).isEqualTo(Locale.forLanguageTag("es"));
        assertThat(Languages.forHeaders("lang=xx", "it, fr-CA;q=0.8, de;q=0.9")).isEqualTo(Locale.GERMAN);
        assertThat(Languages.forHeaders(null, "de;q=0, fr;q=0.1")).isEqualTo(Locale.FRENCH);
    }

    @Test
    void fromRawHeadersMissingOrMalformedValuesGiveEnglish() {
        assertThat(Languages.forHeaders(null, null)).isEqualTo(Locale.ENGLISH);
        assertThat(Languages.forHeaders("lang", "not a language range;;;q=x")).isEqualTo(Locale.ENGLISH);
        assertThat(Languages.forHeaders("=de", "it")).isEqualTo(Locale.ENGLISH);
    }
}
