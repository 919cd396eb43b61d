package io.resetflow.user;

import java.text.Normalizer;
import java.util.Optional;

/**
 * What a display name may be: trimmed, NFC, 1 to 100 code points, no control, format, line or paragraph separator
 * characters, and no RFC 2047 encoded-word marker ({@code =?}): a name is written into mails.
 */
final class DisplayName {

    private DisplayName() {
    }

    static Optional<String> clean(String typed) {
        if (typed == null) {
            return Optional.empty();
        }
        String name = Normalizer.normalize(typed.strip(), Normalizer.Form.NFC);
        int length = name.codePointCount(0, name.length());
        boolean clean = !name.contains(EmailAddress.ENCODED_WORD) && name.codePoints().noneMatch(c -> Character.isISOControl(c)
                || Character.getType(c) == Character.FORMAT
                || Character.getType(c) == Character.LINE_SEPARATOR
                || Character.getType(c) == Character.PARAGRAPH_SEPARATOR);
        return !name.isEmpty() && length <= User.DISPLAY_NAME_MAX_LENGTH && clean
                ? Optional.of(name) : Optional.empty();
    }
}
