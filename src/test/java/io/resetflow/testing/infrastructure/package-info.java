/**
 * What the test harness runs underneath, for tests that need more than the run's one server: Payara Micro
 * processes and their {@code Launch}, ports outside the kernel's ephemeral range, an embedded or a test's own
 * MariaDB, a stalling SMTP relay, HAProxy in front of a cluster, Payara Server domains and their admin console,
 * another site on another host name, the secret scan and the fault report. A test author starts from
 * {@link io.resetflow.testing}.
 */
package io.resetflow.testing.infrastructure;
