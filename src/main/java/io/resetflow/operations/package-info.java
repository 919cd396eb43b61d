/**
 * What operators watch: readiness and liveness checks (MicroProfile Health, details on the operators'
 * listener, status only on the public one) and metrics (MicroProfile Metrics, Prometheus format, operators'
 * listener only), counted from the audit events.
 */
package io.resetflow.operations;
