/** One line per security-relevant event on the logger {@code io.resetflow.audit}; never a secret in it. */
package io.resetflow.audit;
