package io.resetflow.auth;

import jakarta.enterprise.context.SessionScoped;
import jakarta.inject.Named;
import java.io.Serializable;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Who is signed in on this session, under which session version of the account, and the random id of this
 * sign-in (what a sign-out records in {@link EndedSignIns}). Nothing else is kept here: it is all a session in the
 * data grid holds of an account.
 */
@Named
@SessionScoped
public class SignedInUser implements Serializable {

    private static final long serialVersionUID = 1L;

    private Long userId;
    private String displayName;
    private int sessionVersion;
    private String signInId;

    private static final SecureRandom RANDOM = new SecureRandom();

    void signIn(long userId, String displayName, int sessionVersion) {
        byte[] id = new byte[16];
        RANDOM.nextBytes(id);
        this.userId = userId;
        this.displayName = displayName;
        this.sessionVersion = sessionVersion;
        this.signInId = Base64.getUrlEncoder().withoutPadding().encodeToString(id);
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

    String getSignInId() {
        return signInId;
    }
}
