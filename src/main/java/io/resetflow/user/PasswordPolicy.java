package io.resetflow.user;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.OptionalInt;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The one password policy, applied on registration and on every password change (reset included):
 * NIST SP 800-63B style: a minimum length, no composition rules, and no password from the lists attackers
 * try first ({@link CommonPasswords}). The hard cap is checked before anything else, so a huge input
 * never reaches the list or PBKDF2.
 */
@Named
@ApplicationScoped
public class PasswordPolicy {

    /** Longest password accepted, in Unicode code points. */
    public static final int MAX_LENGTH = 128;

    /**
     * Longest input a password field takes, in UTF-16 chars: {@link #MAX_LENGTH} code points may need two
     * chars each. Up to this the policy answers (with "too long" when it is); beyond it the field's size
     * check refuses the input before any other work.
     */
    public static final int MAX_INPUT_LENGTH = MAX_LENGTH * 2;

    @Inject
    @ConfigProperty(name = "password.min-length")
    int minLength;

    @Inject
    PasswordHasher hasher;

    public int getMinLength() {
        return minLength;
    }

    /**
     * Checks a new password and its confirmation.
     *
     * @return empty when acceptable, otherwise the reason
     */
    public Optional<PasswordRejectedException.Reason> check(String password, String confirmation) {
        if (password == null || password.isEmpty()) {
            return Optional.of(PasswordRejectedException.Reason.MISSING);
        }
        int length = password.codePointCount(0, password.length());
        if (length > MAX_LENGTH) {
            return Optional.of(PasswordRejectedException.Reason.TOO_LONG);
        }
        // bcrypt reads only the first 72 bytes: a longer password would be cut without the person knowing.
        OptionalInt maxBytes = hasher.maxPasswordBytes();
        if (maxBytes.isPresent() && password.getBytes(StandardCharsets.UTF_8).length > maxBytes.getAsInt()) {
            return Optional.of(PasswordRejectedException.Reason.TOO_MANY_BYTES);
        }
        if (length < minLength) {
            return Optional.of(PasswordRejectedException.Reason.TOO_SHORT);
        }
        if (CommonPasswords.isCommon(password)) {
            return Optional.of(PasswordRejectedException.Reason.COMMON);
        }
        if (!password.equals(confirmation)) {
            return Optional.of(PasswordRejectedException.Reason.MISMATCH);
        }
        return Optional.empty();
    }

    /** Like {@link #check} but throws. */
    public void require(String password, String confirmation) {
        check(password, confirmation).ifPresent(reason -> {
            throw new PasswordRejectedException(reason);
        });
    }
}
