/**
 * The only code that touches jakarta.mail: a durable outbox written in the caller's transaction, and a
 * dispatcher that delivers it through the container's mail session with retries and back-off.
 */
package io.resetflow.mail;
