/**
 * Tells the host site that a password changed, so it ends its own sessions: a signed webhook in the Standard
 * Webhooks shape ({@code webhook-id}, {@code webhook-timestamp}, {@code webhook-signature}), written to the outbox in
 * the transaction that changed the password and delivered from it at least once. Off unless {@code WEBHOOK_URL} is
 * set.
 */
package io.resetflow.webhook;
