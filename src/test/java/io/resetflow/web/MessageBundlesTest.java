package io.resetflow.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every translation has exactly English's keys, with the same placeholders, and every pattern formats. */
class MessageBundlesTest {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\d+)");

    /** What the product fills each mail with. */
    private static final java.util.Map<String, Object[]> ARGUMENTS = java.util.Map.of(
            "mail.reset_link.body", new Object[] {"Ana", "https://example.org/reset-password?token=x", 30L},
            "mail.confirm_address.body", new Object[] {"https://example.org/finish-registration?token=x", 60L},
            "mail.address_taken.body", new Object[] {"Ana", "https://example.org/sign-in", "https://example.org/forgot-password"},
            "mail.password_changed.body", new Object[] {"Ana", "2026-11-28 20:00 UTC", "203.0.113.9", "Mozilla/5.0"});

    @ParameterizedTest
    @ValueSource(strings = {"de", "fr", "es"})
    void aTranslationHasEveryKeyEnglishHasAndNoOther(String language) throws IOException {
        for (String bundle : new String[] {"messages", "ValidationMessages"}) {
            Properties english = load(bundle + ".properties");
            Properties translated = load(bundle + "_" + language + ".properties");
            assertThat(translated.stringPropertyNames()).as(bundle + "_" + language).isEqualTo(english.stringPropertyNames());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"de", "fr", "es"})
    void aTranslationUsesTheSamePlaceholdersAndEveryMailFormats(String language) throws IOException {
        Properties english = load("messages.properties");
        Properties translated = load("messages_" + language + ".properties");
        for (String key : english.stringPropertyNames()) {
            assertThat(placeholders(translated.getProperty(key))).as(language + ": " + key).isEqualTo(placeholders(english.getProperty(key)));
            if (key.startsWith("mail.") && key.endsWith(".body")) {
                String mail = new MessageFormat(translated.getProperty(key), Locale.forLanguageTag(language)).format(ARGUMENTS.get(key));
                assertThat(mail).as(language + ": " + key).doesNotContain("{").doesNotContain("'");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"en", "de", "fr", "es"})
    void theLinkLifetimeReadsRightForOneAndForMany(String language) {
        Locale locale = Locale.forLanguageTag(language);
        String one = io.resetflow.mail.OutgoingMail.fromBundle(io.resetflow.web.Messages.bundle(locale), "a@example.org", locale, "mail.reset_link", "Ana", "https://x", 1L).body();
        String thirty = io.resetflow.mail.OutgoingMail.fromBundle(io.resetflow.web.Messages.bundle(locale), "a@example.org", locale, "mail.reset_link", "Ana", "https://x", 30L).body();
        assertThat(thirty).contains("30 " + switch (language) {
            case "de" -> "Minuten";
            case "es" -> "minutos";
            default -> "minutes";
        });
        assertThat(one).doesNotContain("1 minutes").doesNotContain("1 Minuten").doesNotContain("1 minutos");
    }

    private static Set<String> placeholders(String pattern) {
        Set<String> found = new TreeSet<>();
        for (Matcher m = PLACEHOLDER.matcher(pattern); m.find(); ) {
            found.add(m.group(1));
        }
        return found;
    }

    private static Properties load(String name) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = MessageBundlesTest.class.getClassLoader().getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }
}
