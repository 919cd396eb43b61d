/**
 * The account: the {@link io.resetflow.user.User} entity, registration and credential checks
 * ({@link io.resetflow.user.UserService}), the canonical form of e-mail addresses, and the one password
 * policy and hashing used on every path that sets a password (the formats themselves are in
 * {@link io.resetflow.passwordformat}), and the floor that makes every failed sign-in last as long.
 */
package io.resetflow.user;
