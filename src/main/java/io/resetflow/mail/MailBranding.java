package io.resetflow.mail;

import java.util.Locale;
import java.util.Optional;

/** What every mail says of the site it comes from: its name on top, and where to write for help at the foot. */
public interface MailBranding {

    String productName();

    /** "Questions? Write to …" in this language; empty when no support address is configured. */
    Optional<String> supportLine(Locale locale);
}
