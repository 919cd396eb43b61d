/**
 * The one place that knows Payara: its HTTP listener's error pages ({@link io.resetflow.payara.ListenerErrorPages})
 * and whether it is present ({@link io.resetflow.payara.Payara}). Nothing here is a CDI bean; the portable code calls
 * in only where {@link io.resetflow.payara.Payara#isPresent()}, so another server never loads a class of Payara's.
 */
package io.resetflow.payara;
