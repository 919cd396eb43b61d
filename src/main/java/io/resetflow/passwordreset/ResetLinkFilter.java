package io.resetflow.passwordreset;

import io.resetflow.web.ClientInfo;
import io.resetflow.web.MailedLinkFilter;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebFilter;
import java.util.Optional;

/** Receives the mailed reset link on /reset-password (see {@link MailedLinkFilter}); never consumes it. */
@WebFilter(filterName = "ResetLinkFilter") // mapped in web.xml, where the order of filters is set
public class ResetLinkFilter extends MailedLinkFilter {

    private static final long serialVersionUID = 1L;

    @Inject
    PasswordResetService resets;

    @Override
    protected boolean isUsable(Optional<byte[]> digest, ClientInfo client) {
        return resets.checkLink(digest, client);
    }

    @Override
    protected String sessionAttribute() {
        return ResetPasswordBacking.SESSION_DIGEST;
    }

    @Override
    protected String page() {
        return ResetPasswordBacking.PAGE;
    }
}
