package io.resetflow.user;

import java.text.Normalizer;
import java.util.Optional;

/** What a display name may be: trimmed, NFC, 1 to 100 code points, no control or format characters. */
final class DisplayName {

    private DisplayName() {
    }

    static Optional<String> clean(String typed) {
        if (typed == null) {
            return Optional.empty();
        }
        String name = Normalizer.normalize(typed.strip(), Normalizer.Form.NFC);
        int length = name.codePointCount(0, name.length());
        boolean clean = name.codePoints().noneMatch(c ->
                Character.isISOControl(c) || Character.getType(c) == Character.FORMAT);
        return !name.isEmpty() && length <= User.DISPLAY_NAME_MAX_LENGTH && clean
                ? Optional.of(name) : Optional.empty();
    }
}
