package io.resetflow.user;

import static org.assertj.core.api.Assertions.assertThat;

import io.resetflow.user.PasswordRejectedException.Reason;
import org.junit.jupiter.api.Test;

class PasswordPolicyTest {

    private final PasswordPolicy policy = new PasswordPolicy();

    {
        policy.minLength = 15;
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
        String fifteenEmoji = "\uD83D\uDE00".repeat(15);
        assertThat(policy.check(fifteenEmoji, fifteenEmoji)).isEmpty();
        String fourteenEmoji = "\uD83D\uDE00".repeat(14);
        assertThat(policy.check(fourteenEmoji, fourteenEmoji)).contains(Reason.TOO_SHORT);
    }

    @Test
    void atLeast64AreAllowedAndMoreThan128AreRejected() {
        assertThat(policy.check("x".repeat(64), "x".repeat(64))).isEmpty();
        assertThat(policy.check("x".repeat(128), "x".repeat(128))).isEmpty();
        assertThat(policy.check("x".repeat(129), "x".repeat(129))).contains(Reason.TOO_LONG);
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
}
