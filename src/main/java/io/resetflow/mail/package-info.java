/**
 * The only code that touches jakarta.mail: a durable outbox of ready notices (written in the caller's
 * transaction) and of requests (committed before their page answers, given their link by their feature's
 * {@link io.resetflow.mail.MailPreparer} when sent), and a dispatcher that delivers it from every node through
 * the container's mail session, as text and HTML, with leases on the database's clock, retries and back-off.
 */
package io.resetflow.mail;
