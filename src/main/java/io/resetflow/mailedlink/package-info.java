/**
 * Mailed links: a single-use, short-lived, newest-wins link that a feature mails (a password reset, a
 * registration) and the page it opens. {@link io.resetflow.mailedlink.MailedLinks} makes, checks, uses and purges
 * them over one table, {@link io.resetflow.mailedlink.MailedLinkFilter} takes the secret out of the address into
 * the session, {@link io.resetflow.mailedlink.MailedLinkPage} is the base of the page behind one. A feature
 * declares its {@link io.resetflow.mailedlink.LinkPurpose} as a CDI producer, maps its page to the filter in
 * web.xml, and does only what happens once its link is used.
 */
package io.resetflow.mailedlink;
