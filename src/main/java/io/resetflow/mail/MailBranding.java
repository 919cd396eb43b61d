package io.resetflow.mail;

import java.util.Optional;

/** What every mail says of the site it comes from: its name on top, and where to write for help at the foot. */
public interface MailBranding {

    String productName();

    /** Where people write for help; empty when none is configured. */
    Optional<String> supportAddress();
}
