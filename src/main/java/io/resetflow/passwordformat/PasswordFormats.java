package io.resetflow.passwordformat;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Every format sign-in reads, found by a stored value's look. */
public final class PasswordFormats {

    /**
     * Shapes a log may name: a Spring id, a modular-crypt id, or one of Django's other hashers. A host that stores
     * passwords in clear would otherwise see the start of one in the log.
     */
    private static final Pattern SHAPE = Pattern.compile("^(\\{[A-Za-z0-9-]{1,12}}|\\$[a-z0-9-]{1,12}\\$"
            + "|(?:pbkdf2_sha1|bcrypt_sha256|bcrypt|argon2|scrypt|sha1|md5|unsalted_md5|unsalted_sha1|crypt)\\$)");

    private final List<PasswordFormat> formats;

    public PasswordFormats(Argon2idPasswordHash argon2, JakartaPbkdf2 pbkdf2, SpringPbkdf2 springPbkdf2) {
        this.formats = List.of(argon2, pbkdf2, new Bcrypt(), new DjangoPbkdf2Sha256(), new Phpass(), new SpringPrefixed(argon2, springPbkdf2));
    }

    /** The format that reads this stored value, if any does. */
    public Optional<PasswordFormat> find(String stored) {
        if (stored == null) {
            return Optional.empty();
        }
        return formats.stream().filter(format -> format.reads(stored)).findFirst();
    }

    /**
     * What a log may say of a stored value that no format reads: the look of its prefix ({@code {noop}},
     * {@code $1$}, {@code sha1$}), never more of it; {@code unrecognised} for anything else.
     */
    public static String shape(String stored) {
        Matcher m = stored == null ? null : SHAPE.matcher(stored);
        return m != null && m.find() ? m.group(1) : "unrecognised";
    }
}
