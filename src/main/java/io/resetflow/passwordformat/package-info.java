/**
 * Stored passwords, format by format: every format sign-in reads (the product's own Argon2id and Jakarta PBKDF2,
 * and what host sites' sign-ins wrote: bcrypt, Django, Spring Security, PHPass), found by a stored value's look
 * ({@link io.resetflow.passwordformat.PasswordFormats}), and the formats a new password can be written in
 * ({@link io.resetflow.passwordformat.WriteFormat}). The algorithms are Bouncy Castle's and the JDK's; only each
 * format's framing is here.
 */
package io.resetflow.passwordformat;
