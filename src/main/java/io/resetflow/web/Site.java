package io.resetflow.web;

import io.resetflow.background.ApplicationStart;
import io.resetflow.mail.MailBranding;
import io.resetflow.user.EmailAddress;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.net.URI;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * What the pages and mails say about the site they belong to: the product's name, where people write for help, and
 * whose sign-in they use. With {@code host.sign-in-url} set, the product serves forgot-password only, for a site that has
 * its own accounts and sign-in: its own registration and sign-in pages answer 404 ({@link OwnAccountsFilter}) and
 * every "Sign in" link leads to the host's page. Checked at start: a wrong value stops the deployment with one line
 * naming the setting.
 */
@Named("site")
@ApplicationScoped
public class Site implements MailBranding {

    /** Our own sign-in page, used while the site has no sign-in of its own. */
    static final String OWN_SIGN_IN = "/sign-in";

    /** The text that closes pages and mails when a support address is configured; its {0} is the address. */
    static final String SUPPORT_LINE = "label.support";

    @Inject
    @ConfigProperty(name = "app.product-name")
    String productName;

    @Inject
    @ConfigProperty(name = "app.support-address")
    Optional<String> supportAddress;

    @Inject
    @ConfigProperty(name = "host.sign-in-url")
    Optional<String> hostSignInUrl;

    @Inject
    @ConfigProperty(name = "app.base-url")
    String baseUrl;

    private Optional<URI> hostSignIn = Optional.empty();

    @PostConstruct
    void check() {
        if (productName.isBlank() || productName.strip().length() > 100 || productName.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalStateException("APP_PRODUCT_NAME (app.product-name) must be 1 to 100 characters on one line");
        }
        supportAddress = supportAddress.map(String::strip).filter(a -> !a.isEmpty());
        if (supportAddress.isPresent() && EmailAddress.canonicalIfPlausible(supportAddress.get()).isEmpty()) {
            throw new IllegalStateException("APP_SUPPORT_ADDRESS (app.support-address) is not an e-mail address: " + supportAddress.get());
        }
        hostSignIn = hostSignInUrl.map(String::strip).filter(u -> !u.isEmpty()).map(url -> HttpAddress.of("HOST_SIGN_IN_URL (host.sign-in-url)", url));
        if (hostSignIn.isPresent() && SecurityHeaders.isHttps(baseUrl) && !"https".equals(hostSignIn.get().getScheme())) {
            throw new IllegalStateException("HOST_SIGN_IN_URL (host.sign-in-url) must be https when APP_BASE_URL is, was "
                    + hostSignIn.get());
        }
    }

    /** Checked while the application starts, not at the first page. */
    void checkAtStart(@Observes ApplicationStart.Started started) {
        productName();
    }

    @Override
    public String productName() {
        return productName.strip();
    }

    /** For pages: the product's name. */
    public String getProductName() {
        return productName();
    }

    @Override
    public Optional<String> supportLine(Locale locale) {
        return supportAddress.map(address -> new MessageFormat(Messages.bundle(locale).getString(SUPPORT_LINE), locale)
                .format(new Object[] {address}));
    }

    /** Where people write for help; empty when none is configured. */
    public Optional<String> supportAddress() {
        return supportAddress;
    }

    /** For pages: the support address, or an empty text. */
    public String getSupportAddress() {
        return supportAddress.orElse("");
    }

    /** Whether the product has its own accounts and sign-in (no {@code host.sign-in-url}). */
    public boolean isOwnAccounts() {
        return hostSignIn.isEmpty();
    }

    /** The address of the sign-in page: the host's, or ours under this context path. */
    public String signInHref(String contextPath) {
        return hostSignIn.map(URI::toString).orElse(contextPath + OWN_SIGN_IN);
    }
}
