/**
 * The reset flow: asking for a link, the mailed single-use token (stored as a digest only), the link filter
 * that never consumes it on GET, setting the new password, and the purge of dead tokens.
 */
package io.resetflow.passwordreset;
