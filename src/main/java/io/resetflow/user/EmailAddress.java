package io.resetflow.user;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The one place that decides what an e-mail address is and how it compares. Canonical form: surrounding
 * white space removed, Unicode NFC, lower case under {@link Locale#ROOT}. Look-ups compare canonical
 * forms byte-exactly; mail always goes to the address stored on the account, never to what was typed.
 */
public final class EmailAddress {

    /** Longest address a mail can go to (RFC 5321's path limit less the angle brackets). */
    public static final int MAX_LENGTH = 254;

    /**
     * Deliberately plain: one {@code @}, a dotted domain, no white space or separator of any script (line and
     * paragraph separators included), no control or format characters, no characters that could split a mail
     * header or a list of recipients.
     */
    private static final Pattern PLAUSIBLE = Pattern.compile(
            "[^\\s@<>()\\[\\]\\\\,;:\"\\p{Cc}\\p{Cf}\\p{Z}]+@[^\\s@<>()\\[\\]\\\\,;:\"\\p{Cc}\\p{Cf}\\p{Z}]+\\.[^\\s@<>()\\[\\]\\\\,;:\"\\p{Cc}\\p{Cf}\\p{Z}.]+");
    /** Starts an RFC 2047 encoded word, which some mail software decodes in an address into anything at all. */
    static final String ENCODED_WORD = "=?";

    private EmailAddress() {
    }

    /** The canonical form of what a person typed; {@code null} and blank give an empty string. */
    public static String canonicalize(String typed) {
        if (typed == null) {
            return "";
        }
        return Normalizer.normalize(typed.strip(), Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
    }

    /** Whether the trimmed input looks like a deliverable address and fits the column. */
    public static boolean isPlausible(String typed) {
        if (typed == null) {
            return false;
        }
        String trimmed = typed.strip();
        return !trimmed.isEmpty()
                && typed.codePoints().noneMatch(EmailAddress::breaksALine)
                && trimmed.length() <= User.EMAIL_MAX_LENGTH
                && !trimmed.contains(ENCODED_WORD)
                && PLAUSIBLE.matcher(trimmed).matches();
    }

    /** CR, LF, NEL, and the line and paragraph separators: refused anywhere, even where trimming would drop them. */
    public static boolean breaksALine(int c) {
        return c == '\r' || c == '\n' || c == 0x85 || c == 0x2028 || c == 0x2029;
    }

    /** The canonical form if the input is plausible, otherwise empty. */
    public static Optional<String> canonicalIfPlausible(String typed) {
        return isPlausible(typed) ? Optional.of(canonicalize(typed)) : Optional.empty();
    }

    /**
     * The address as shown to someone who holds a link for it but may not own it: the first character of
     * the local part and the domain, as in {@code j•••@example.org}.
     */
    public static String masked(String address) {
        int at = address.lastIndexOf('@');
        if (at <= 0) {
            return "•••";
        }
        return address.substring(0, Character.charCount(address.codePointAt(0))) + "•••" + address.substring(at);
    }

    /** The address to store as the person typed it: trimmed and NFC-normalised, case kept. */
    public static String asEntered(String typed) {
        return Normalizer.normalize(typed.strip(), Normalizer.Form.NFC);
    }
}
