package io.resetflow.registration;

import io.resetflow.web.ClientInfo;
import io.resetflow.web.MailedLinkFilter;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebFilter;
import java.util.Optional;

/** Receives the mailed registration link on /finish-registration (see {@link MailedLinkFilter}); never consumes it. */
@WebFilter(filterName = "RegistrationLinkFilter") // mapped in web.xml, where the order of filters is set
public class RegistrationLinkFilter extends MailedLinkFilter {

    private static final long serialVersionUID = 1L;

    @Inject
    RegistrationService registrations;

    @Override
    protected boolean isUsable(Optional<byte[]> digest, ClientInfo client) {
        return registrations.checkLink(digest, client);
    }

    @Override
    protected String sessionAttribute() {
        return FinishRegistrationBacking.SESSION_DIGEST;
    }

    @Override
    protected String page() {
        return FinishRegistrationBacking.PAGE;
    }
}
