/**
 * The test harness: the real WAR on the real server, database, mail server and browser.
 * <p>
 * A new integration test is a class named {@code <Sut>IT} (browser: {@code <Page>PageIT}) in its feature's package,
 * annotated {@code @ExtendWith(ServerExtension.class)}, whose test methods take a {@link io.resetflow.testing.TestServer}
 * parameter: the one Payara Micro server of the run, booted once on MariaDB with a GreenMail SMTP server beside it.
 * What a test author needs most:
 * <ul>
 * <li>{@link io.resetflow.testing.Accounts}: a new account through the real registration pages, and sign-in;</li>
 * <li>{@link io.resetflow.testing.WebClient}: a cookie-keeping HTTP client that fills in and submits the pages'
 * forms as a browser does, each client with an address of its own for the per-client limits;</li>
 * <li>{@link io.resetflow.testing.Mailbox}: the mails the server sent, awaited, with their links;</li>
 * <li>{@link io.resetflow.testing.Browser}: headless Chromium from Debian's packages;</li>
 * <li>{@link io.resetflow.testing.TestServer#database()}: the run's database, to look at what was stored.</li>
 * </ul>
 * Each test makes its own data (a unique address from {@link io.resetflow.testing.Accounts#uniqueEmail}), asserts one
 * behaviour and waits for the event it expects (Awaitility), never a fixed time. A test that needs a server of its
 * own (other settings, a fault, a cluster) starts one with {@link io.resetflow.testing.TestServer#startNode} and stops
 * it; its ports come from {@link io.resetflow.testing.infrastructure.Ports}, outside the kernel's ephemeral range.
 * What runs underneath is in {@link io.resetflow.testing.infrastructure}; tests of whole deployments (Payara Server,
 * a cluster behind HAProxy, https, H2) sit in {@code io.resetflow.deployment}.
 */
package io.resetflow.testing;

import io.resetflow.testing.infrastructure.Ports;
