package io.resetflow.user;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordTextTest {

    @Test
    void composedAndDecomposedUmlautsAreOnePassword() {
        assertThat(PasswordText.normalized("Gru\u0308ße aus Mu\u0308nchen")).isEqualTo(PasswordText.normalized("Grüße aus München"));
    }

    @Test
    void fullWidthCharactersAndLigaturesBecomeTheirPlainForms() {
        assertThat(PasswordText.normalized("\uFF21\uFF22\uFF23 \uFF11\uFF12\uFF13 \uFB01ne")).isEqualTo("ABC 123 fine");
    }

    @Test
    void asciiCjkAndEmojiStayAsTheyAre() {
        for (String password : new String[] {"correct horse battery staple", "忘れた日のための合言葉です", "emoji 🎉🔑 y acentos: canción"}) {
            assertThat(PasswordText.normalized(password)).isEqualTo(password);
        }
    }

    @Test
    void nothingStaysNothing() {
        assertThat(PasswordText.normalized(null)).isNull();
    }
}
