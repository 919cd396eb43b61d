package io.resetflow.auth;

import io.resetflow.user.User;
import jakarta.enterprise.context.RequestScoped;
import java.util.Optional;

/**
 * The account whose password this request proved, exactly as the query that the password was checked
 * against read it. A sign-in records that read's session version and no later one: a reset that commits
 * while the password is being checked raises the version, so the new session ends on its next request.
 */
@RequestScoped
public class ProvenAccount {

    private User account;

    void prove(User account) {
        this.account = account;
    }

    Optional<User> get() {
        return Optional.ofNullable(account);
    }
}
