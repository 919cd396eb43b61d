package io.resetflow.user;

import java.time.Instant;

/**
 * Fired inside the transaction that changed a user's password, by whatever path. Observers revoke what
 * the old password stood for (reset tokens, sessions) and tell whoever must know (the host's webhook).
 *
 * @param changedAt the time stored with the new hash (the mapped "password changed" column, if any)
 */
public record PasswordChanged(long userId, Instant changedAt) {
}
