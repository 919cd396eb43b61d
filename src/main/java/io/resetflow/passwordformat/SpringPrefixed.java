package io.resetflow.passwordformat;

import java.util.Map;
import java.util.Optional;

/**
 * Spring Security's {@code DelegatingPasswordEncoder} values, {@code {id}<encoded>}: {@code {bcrypt}},
 * {@code {argon2}}, {@code {pbkdf2}} and {@code {scrypt}}, each read by the format its id names. Every other id is
 * not read; {@code {noop}} (the password in clear) above all, which no sign-in of ours ever accepts.
 */
public final class SpringPrefixed implements PasswordFormat {

    /** The ids of the two Spring formats a reset can write. */
    public static final String ARGON2 = "{argon2}";
    public static final String BCRYPT = "{bcrypt}";

    private final Map<String, PasswordFormat> byId;

    public SpringPrefixed(PasswordFormat argon2, SpringPbkdf2 pbkdf2) {
        this.byId = Map.of(BCRYPT, new Bcrypt(), ARGON2, argon2, "{pbkdf2}", pbkdf2, "{scrypt}", new SpringScrypt());
    }

    @Override
    public String name() {
        return "spring";
    }

    @Override
    public boolean reads(String stored) {
        return inner(stored).isPresent();
    }

    @Override
    public boolean matches(char[] password, String stored) {
        return inner(stored).map(format -> format.matches(password, stored.substring(stored.indexOf('}') + 1))).orElse(false);
    }

    /** The format that reads what follows the id, if the id is one of those above. */
    Optional<PasswordFormat> inner(String stored) {
        int end = stored.indexOf('}');
        if (!stored.startsWith("{") || end < 0) {
            return Optional.empty();
        }
        PasswordFormat format = byId.get(stored.substring(0, end + 1));
        return format != null && format.reads(stored.substring(end + 1)) ? Optional.of(format) : Optional.empty();
    }

    @Override
    public String costKey(String stored) {
        return inner(stored).map(format -> "{" + format.costKey(stored.substring(stored.indexOf('}') + 1)) + "}").orElse(name());
    }
}
