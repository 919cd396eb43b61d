package io.resetflow.user;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DisplayNameTest {

    @Test
    void aNameIsTrimmedAndComposed() {
        assertThat(DisplayName.clean("  Zoe\u0308 Ünicode ")).contains("Zoë Ünicode");
        assertThat(DisplayName.clean("山田 太郎")).contains("山田 太郎");
    }

    @Test
    void controlFormatLineAndParagraphCharactersAndEncodedWordMarkersAreRefused() {
        for (String hostile : new String[] {"Ada\r\nBcc: eve@evil.example", "Ada\nLovelace", "Ada\u0085Lovelace",
                "Ada\u2028Lovelace", "Ada\u2029Lovelace", "Ada\u200bLovelace", "Ada\u0000", "=?utf-8?q?Ada?=",
                "Ada =?x", "Ada\u009bLovelace"}) {
            assertThat(DisplayName.clean(hostile)).as(hostile).isEmpty();
        }
    }

    @Test
    void anEqualsSignOrAQuestionMarkAloneIsAName() {
        assertThat(DisplayName.clean("Ada = Lovelace?")).contains("Ada = Lovelace?");
    }

    @Test
    void emptyAndTooLongAreRefused() {
        assertThat(DisplayName.clean("   ")).isEmpty();
        assertThat(DisplayName.clean(null)).isEmpty();
        assertThat(DisplayName.clean("a".repeat(User.DISPLAY_NAME_MAX_LENGTH + 1))).isEmpty();
    }
}
