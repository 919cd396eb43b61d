package io.resetflow.auth;

import jakarta.enterprise.context.SessionScoped;
import jakarta.inject.Named;
import java.io.Serializable;

/**
 * Who is signed in on this session, and under which session version of the account. Nothing else is
 * kept here.
 */
@Named
@SessionScoped
public class SignedInUser implements Serializable {

    private static final long serialVersionUID = 1L;

    private Long userId;
    private String displayName;
    private int sessionVersion;

    void signIn(long userId, String displayName, int sessionVersion) {
        this.userId = userId;
        this.displayName = displayName;
        this.sessionVersion = sessionVersion;
    }

    public boolean isSignedIn() {
        return userId != null;
    }

    public Long getUserId() {
        return userId;
    }

    public String getDisplayName() {
        return displayName;
    }

    int getSessionVersion() {
        return sessionVersion;
    }
}
