package io.resetflow.user;

import java.text.Normalizer;

/**
 * The one form in which a password is checked against the policy, hashed and compared: Unicode NFKC, as NIST
 * SP 800-63B asks, so that a password signs in whichever form a keyboard, an input method or a password manager
 * sends it in ("ü" precomposed or as u and a combining mark, full-width digits, ligatures). ASCII is left as it
 * is, so no stored hash of an ASCII password changes meaning.
 */
final class PasswordText {

    private PasswordText() {
    }

    /** The normalised form; null stays null. */
    static String normalized(String typed) {
        return typed == null ? null : Normalizer.normalize(typed, Normalizer.Form.NFKC);
    }
}
