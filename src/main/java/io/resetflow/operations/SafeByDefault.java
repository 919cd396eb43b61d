package io.resetflow.operations;

import io.resetflow.background.ApplicationStart;
import io.resetflow.web.SecurityHeaders;
import jakarta.annotation.Priority;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import jakarta.mail.Session;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Safe by default on every server: the start is refused, with one line naming the setting and its opt-out, when the
 * product's address is not https (its links carry reset tokens) or when the mail session would send its password
 * without TLS. Checked by the product itself, so that Payara Server, Open Liberty and WildFly refuse what the Payara
 * Micro start script refuses; the mail session is read as the server built it, whatever file set it up. Each opt-out
 * ({@code APP_ALLOW_HTTP}, {@code SMTP_ALLOW_PLAINTEXT_AUTH}, or {@code APP_DEV_MODE} for both) is logged as a warning
 * at every start. The database's certificate is the one rule left to the setup files (each defaults to
 * {@code VERIFY_IDENTITY}): the product sees its connections, not how the driver checks them.
 */
@ApplicationScoped
public class SafeByDefault {

    private static final Logger LOG = Logger.getLogger(SafeByDefault.class.getName());

    @Inject
    @ConfigProperty(name = "app.base-url")
    String baseUrl;

    @Inject
    @ConfigProperty(name = "app.allow-http")
    boolean allowHttp;

    @Inject
    @ConfigProperty(name = "smtp.allow-plaintext-auth")
    boolean allowPlaintextAuth;

    @Inject
    @ConfigProperty(name = "app.dev-mode")
    boolean devMode;

    @Resource(lookup = "java:comp/env/mail/resetflow")
    Session mailSession;

    /** Before anything else starts: a refused start sets nothing going. */
    void check(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) ApplicationStart.Started started) {
        check(baseUrl, mailSession.getProperties(), allowHttp || devMode, allowPlaintextAuth || devMode).forEach(LOG::warning);
    }

    /**
     * The warnings of the opt-outs in use.
     *
     * @throws IllegalStateException naming the setting and its opt-out, when a rule is broken without one
     */
    static List<String> check(String baseUrl, Properties mail, boolean allowHttp, boolean allowPlaintextAuth) {
        List<String> warnings = new ArrayList<>();
        if (!SecurityHeaders.isHttps(baseUrl)) {
            if (!allowHttp) {
                throw new IllegalStateException("APP_BASE_URL must be the product's https address, not '" + baseUrl
                        + "' (APP_ALLOW_HTTP=true opts out)");
            }
            warnings.add("APP_BASE_URL " + baseUrl + " is not https: links travel in clear (APP_ALLOW_HTTP=true)");
        }
        if (sendsPasswordInClear(mail)) {
            if (!allowPlaintextAuth) {
                throw new IllegalStateException("SMTP_AUTH=true needs SMTP_STARTTLS=true, or the mail password travels in clear"
                        + " (SMTP_ALLOW_PLAINTEXT_AUTH=true opts out)");
            }
            warnings.add("SMTP_AUTH=true without SMTP_STARTTLS=true: the mail password travels in clear (SMTP_ALLOW_PLAINTEXT_AUTH=true)");
        }
        return warnings;
    }

    /**
     * Whether the session logs in to its mail server over a connection that may be in clear: authentication on, and
     * neither TLS from the start ({@code smtps}, {@code ssl.enable}) nor STARTTLS required. STARTTLS merely enabled is not
     * enough: whoever sits between the two can strip the server's offer, and the password goes in clear.
     */
    static boolean sendsPasswordInClear(Properties mail) {
        String protocol = mail.getProperty("mail.transport.protocol", "smtp").strip();
        String prefix = "mail." + protocol + ".";
        if (!isTrue(mail, prefix + "auth")) {
            return false;
        }
        boolean tlsFromTheStart = "smtps".equals(protocol) || isTrue(mail, prefix + "ssl.enable");
        boolean startTlsRequired = isTrue(mail, prefix + "starttls.enable") && isTrue(mail, prefix + "starttls.required");
        return !tlsFromTheStart && !startTlsRequired;
    }

    private static boolean isTrue(Properties properties, String key) {
        return "true".equalsIgnoreCase(properties.getProperty(key, "").strip());
    }
}
