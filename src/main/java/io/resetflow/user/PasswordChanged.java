package io.resetflow.user;

/**
 * Fired inside the transaction that changed a user's password, by whatever path. Observers revoke what
 * the old password stood for (reset tokens, sessions).
 */
public record PasswordChanged(long userId) {
}
