package io.resetflow.user;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The passwords attackers try first: the 30,000 most common passwords from leaked password dumps, as
 * shipped in the zxcvbn4j library (Maven Central, {@code com.nulab-inc:zxcvbn}, MIT licence; the list
 * itself comes from Dropbox's zxcvbn). A password counts as common when, ignoring case and white space,
 * it is on the list, is two listed passwords run together ("password123456789"), is one listed password
 * or one short run repeated ("passwordpassword", "abcabcabcabcabc"), or is a straight sequence
 * ("1234567890123456", "zyxwvutsrqponmlk").
 */
final class CommonPasswords {

    static final String LIST = "/com/nulabinc/zxcvbn/matchers/dictionaries/passwords.txt";

    /** Longest run that, repeated, still makes a guessable password. */
    private static final int SHORT_RUN = 4;

    private static final Set<String> PASSWORDS = load();

    private CommonPasswords() {
    }

    static int size() {
        return PASSWORDS.size();
    }

    static boolean isCommon(String password) {
        String folded = fold(password);
        if (folded.isEmpty() || PASSWORDS.contains(folded) || isSequence(folded)) {
            return true;
        }
        for (int split = 1; split < folded.length(); split++) {
            if (PASSWORDS.contains(folded.substring(0, split)) && PASSWORDS.contains(folded.substring(split))) {
                return true;
            }
        }
        for (int unit = 1; unit <= folded.length() / 2; unit++) {
            if (folded.length() % unit == 0 && isRepetition(folded, unit)) {
                String run = folded.substring(0, unit);
                if (unit <= SHORT_RUN || PASSWORDS.contains(run)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Every character one up (or every one down) from the one before; digits wrap from 9 to 0. */
    private static boolean isSequence(String text) {
        int up = 0;
        int down = 0;
        for (int i = 1; i < text.length(); i++) {
            int step = text.charAt(i) - text.charAt(i - 1);
            boolean digits = Character.isDigit(text.charAt(i)) && Character.isDigit(text.charAt(i - 1));
            if (step == 1 || (digits && step == -9)) {
                up++;
            } else if (step == -1 || (digits && step == 9)) {
                down++;
            }
        }
        return up == text.length() - 1 || down == text.length() - 1;
    }

    private static boolean isRepetition(String text, int unit) {
        for (int i = unit; i < text.length(); i++) {
            if (text.charAt(i) != text.charAt(i - unit)) {
                return false;
            }
        }
        return true;
    }

    private static String fold(String password) {
        StringBuilder folded = new StringBuilder(password.length());
        password.toLowerCase(Locale.ROOT).codePoints()
                .filter(c -> !Character.isWhitespace(c) && !Character.isSpaceChar(c))
                .forEach(folded::appendCodePoint);
        return folded.toString();
    }

    private static Set<String> load() {
        try (InputStream in = CommonPasswords.class.getResourceAsStream(LIST)) {
            if (in == null) {
                throw new IllegalStateException("Common password list missing from the class path: " + LIST);
            }
            Set<String> passwords = new HashSet<>(40_000);
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    String entry = fold(line.strip());
                    if (!entry.isEmpty()) {
                        passwords.add(entry);
                    }
                }
            }
            return Set.copyOf(passwords);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
