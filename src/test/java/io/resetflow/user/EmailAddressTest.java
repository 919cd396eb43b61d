package io.resetflow.user;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EmailAddressTest {

    @Test
    void canonicalFormIsTrimmedNfcAndLowerCase() {
        assertThat(EmailAddress.canonicalize("  Ada.Lovelace@Example.ORG \t")).isEqualTo("ada.lovelace@example.org");
    }

    @Test
    void composedAndDecomposedAccentsGiveTheSameCanonicalForm() {
        String composed = "Jos\u00e9@example.org";
        String decomposed = "Jose\u0301@example.org";
        assertThat(EmailAddress.canonicalize(decomposed)).isEqualTo(EmailAddress.canonicalize(composed)).isEqualTo("jos\u00e9@example.org");
    }

    @Test
    void lowerCasingIgnoresTheDefaultLocale() {
        java.util.Locale before = java.util.Locale.getDefault();
        try {
            java.util.Locale.setDefault(java.util.Locale.forLanguageTag("tr"));
            assertThat(EmailAddress.canonicalize("TIM@EXAMPLE.ORG")).isEqualTo("tim@example.org");
        } finally {
            java.util.Locale.setDefault(before);
        }
    }

    @Test
    void accentsAreNotFoldedAway() {
        assertThat(EmailAddress.canonicalize("jos\u00e9@example.org")).isNotEqualTo(EmailAddress.canonicalize("jose@example.org"));
    }

    @Test
    void nullAndBlankGiveEmpty() {
        assertThat(EmailAddress.canonicalize(null)).isEmpty();
        assertThat(EmailAddress.canonicalize("   ")).isEmpty();
    }

    @Test
    void plausibleAddressesAreAccepted() {
        assertThat(EmailAddress.isPlausible("ada@example.org")).isTrue();
        assertThat(EmailAddress.isPlausible(" first.last+tag@sub.example.co.uk ")).isTrue();
        assertThat(EmailAddress.isPlausible("jos\u00e9@b\u00fccher.example")).isTrue();
    }

    @Test
    void headerSplittingAndListTricksAreRejected() {
        for (String hostile : new String[] {"ada@example.org\r\nBcc: eve@evil.example", "ada@example.org\nX: y",
                "ada@example.org,eve@evil.example", "ada@example.org;eve@evil.example", "Ada <ada@example.org>",
                "ada@@example.org", "ada", "ada@localhost", "@example.org", "ada@example.", "a\u0000da@example.org",
                "a\u200bda@example.org", "ada@exa mple.org", "\"ada\"@example.org", null, ""}) {
            assertThat(EmailAddress.isPlausible(hostile)).as(String.valueOf(hostile)).isFalse();
        }
    }

    @Test
    void encodedWordMarkersAndEveryLineOrParagraphSeparatorAreRejected() {
        for (String hostile : new String[] {"=?utf-8?b?ZXZl?=@example.org", "ada=?x@example.org", "ada@exa=?mple.org",
                "ada\u0085@example.org", "ada@example.org\u0085Bcc: eve@evil.example", "ada\u2028@example.org",
                "ada@example.org\u2029", "ada@example.org\r\n", "\nada@example.org", "ada\u00a0@example.org", "ada@example\u3000.org", "ada\u009b@example.org"}) {
            assertThat(EmailAddress.isPlausible(hostile)).as(hostile).isFalse();
        }
        assertThat(EmailAddress.isPlausible("ada=lovelace@example.org")).as("an equals sign alone is allowed").isTrue();
        assertThat(EmailAddress.isPlausible("ada?@example.org")).as("a question mark alone is allowed").isTrue();
    }

    @Test
    void addressesLongerThanTheColumnAreRejected() {
        assertThat(EmailAddress.isPlausible("a".repeat(250) + "@example.org")).isFalse();
    }
}
