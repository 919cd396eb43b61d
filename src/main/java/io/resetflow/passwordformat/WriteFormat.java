package io.resetflow.passwordformat;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What a new password is stored as: the product's own choice (Argon2id, or Jakarta Security's PBKDF2 where only
 * FIPS-approved algorithms may be used), or what a host site's own sign-in reads, so that a password set here
 * works there.
 */
public enum WriteFormat {
    /** PHC {@code $argon2id$v=19$...}, which PHP's {@code password_verify}, libsodium and most libraries read. */
    ARGON2ID("argon2id"),
    /** Jakarta Security's {@code Pbkdf2PasswordHash} format, computed by the container. */
    PBKDF2("pbkdf2"),
    /** {@code $2y$} (PHP, Laravel) or {@code $2b$} bcrypt, by the bcrypt settings. */
    BCRYPT("bcrypt"),
    /** Django's {@code pbkdf2_sha256$...}. */
    DJANGO_PBKDF2_SHA256("django-pbkdf2-sha256"),
    /** Spring Security's {@code {argon2}} followed by a PHC Argon2id hash. */
    SPRING_ARGON2("spring-argon2"),
    /** Spring Security's {@code {bcrypt}} followed by a {@code $2a$} bcrypt hash. */
    SPRING_BCRYPT("spring-bcrypt");

    private final String setting;

    WriteFormat(String setting) {
        this.setting = setting;
    }

    /** The value of the setting that chooses this format. */
    public String setting() {
        return setting;
    }

    /** Whether this format keeps only the first 72 bytes of a password. */
    public boolean isBcrypt() {
        return this == BCRYPT || this == SPRING_BCRYPT;
    }

    /** The format a setting names, in any case. */
    public static WriteFormat of(String setting) {
        String wanted = setting.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(format -> format.setting.equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("password.write-format must be one of "
                        + Arrays.stream(values()).map(WriteFormat::setting).collect(Collectors.joining(", ")) + ", was " + setting));
    }
}
