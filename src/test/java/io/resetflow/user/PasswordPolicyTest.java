package io.resetflow.user;

import static org.assertj.core.api.Assertions.assertThat;

import io.resetflow.user.PasswordRejectedException.Reason;
import org.junit.jupiter.api.Test;

class PasswordPolicyTest {

    private final PasswordPolicy policy = new PasswordPolicy();

    {
        policy.minLength = 15;
        policy.hasher = PasswordHasherTest.hasher("argon2id", PasswordHasherTest.FORMAT_ONLY_PBKDF2);
    }

    @Test
    void whereBcryptIsWrittenAPasswordBeyond72BytesIsRefusedNotCut() {
        PasswordPolicy bcrypt = new PasswordPolicy();
        bcrypt.minLength = 15;
        bcrypt.hasher = PasswordHasherTest.hasher("bcrypt", PasswordHasherTest.FORMAT_ONLY_PBKDF2);
        String ascii72 = "correct horse battery staple ".repeat(3).substring(0, 72);
        String accented = "Grüße aus Köln, čeština, ελληνικά και 日本語 ünd mëhr";

        assertThat(bcrypt.check(ascii72, ascii72)).isEmpty();
        assertThat(bcrypt.check(ascii72 + "x", ascii72 + "x")).contains(Reason.TOO_MANY_BYTES);
        assertThat(accented.length()).isLessThan(72);
        assertThat(bcrypt.check(accented, accented)).as("fewer letters than 72, more bytes").contains(Reason.TOO_MANY_BYTES);
        assertThat(policy.check(accented, accented)).as("Argon2id reads every byte").isEmpty();
    }

    @Test
    void longEnoughMatchingPasswordIsAccepted() {
        assertThat(policy.check("correct horse battery", "correct horse battery")).isEmpty();
    }

    @Test
    void noCompositionRules() {
        assertThat(policy.check("aaaaaaaaaaaaaaaaaaaa".replace('a', 'q') + "wertyuiop", "qqqqqqqqqqqqqqqqqqqqwertyuiop")).isEmpty();
    }

    @Test
    void shortPasswordIsRejected() {
        assertThat(policy.check("fourteen chars", "fourteen chars")).contains(Reason.TOO_SHORT);
    }

    @Test
    void lengthCountsCharactersNotBytesOrUtf16Units() {
        String fifteenEmoji = emoji(15);
        assertThat(fifteenEmoji).hasSize(30);
        assertThat(policy.check(fifteenEmoji, fifteenEmoji)).isEmpty();
        String fourteenEmoji = emoji(14);
        assertThat(policy.check(fourteenEmoji, fourteenEmoji)).contains(Reason.TOO_SHORT);
    }

    @Test
    void atLeast64AreAllowedAndMoreThan128AreRejected() {
        assertThat(policy.check(phrase(64), phrase(64))).isEmpty();
        assertThat(policy.check(phrase(128), phrase(128))).isEmpty();
        assertThat(policy.check(phrase(129), phrase(129))).contains(Reason.TOO_LONG);
        assertThat(policy.check("x".repeat(1_000_000), "x".repeat(1_000_000))).contains(Reason.TOO_LONG);
    }

    @Test
    void confirmationMustMatch() {
        assertThat(policy.check("correct horse battery", "correct horse batterY")).contains(Reason.MISMATCH);
    }

    @Test
    void missingPasswordIsRejected() {
        assertThat(policy.check(null, null)).contains(Reason.MISSING);
        assertThat(policy.check("", "")).contains(Reason.MISSING);
    }

    @Test
    void commonAndLeakedPasswordsAreRejectedWhateverTheirCaseAndSpacing() {
        for (String common : new String[] {"passwordpassword", "PasswordPassword", "1234567890123456", "zyxwvutsrqponmlk",
                "aaaaaaaaaaaaaaaa", "abcabcabcabcabcabc", "iloveyouiloveyou", "Pass Word Pass Word", "Q1W2E3R4T5Y6U7I8",
                "qwertyuiop12345", "password123456789", "iloveyou1q2w3e4r"}) {
            assertThat(policy.check(common, common)).as(common).contains(Reason.COMMON);
        }
    }

    @Test
    void unrelatedWordsPass() {
        assertThat(policy.check("violet cactus ferry lamp", "violet cactus ferry lamp")).isEmpty();
    }

    @Test
    void theShippedListHoldsTheThirtyThousandPasswordsTheReadmeNames() {
        assertThat(CommonPasswords.size()).isEqualTo(30_000);
    }

    /** The first n characters of an unremarkable passphrase. */
    private static String phrase(int n) {
        String words = "violet cactus ferry lamp harbour quiet mango tunnel sketch orbit walnut pebble canyon "
                + "lantern meadow copper ribbon falcon glacier thimble saddle prism velvet anchor";
        return words.substring(0, n);
    }

    /** n different emoji in no order. */
    private static String emoji(int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            s.appendCodePoint(0x1F600 + (i * 7) % 41);
        }
        return s.toString();
    }
}
