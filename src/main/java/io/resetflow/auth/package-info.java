/**
 * Sign-in and sign-out pages, the authentication mechanism and identity store behind them,
 * and the per-user session version that ends every other session when a password changes.
 */
package io.resetflow.auth;
