/**
 * The reset flow: asking for a link, the mailed single-use token (stored as a digest only), the link filter
 * that never consumes it on GET, setting the new password, and the purge of dead tokens. Names: a token is the
 * secret in the link plus its stored record ({@link io.resetflow.passwordreset.PasswordResetToken}), kept by
 * {@link io.resetflow.passwordreset.PasswordResetTokenStore}.
 */
package io.resetflow.passwordreset;
