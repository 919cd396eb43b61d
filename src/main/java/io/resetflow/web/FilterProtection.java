package io.resetflow.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRequest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;

/**
 * The protective filters either run or nothing is served. A server may drop a filter whose mapping it does not honour
 * and say no more than a warning (Open Liberty did so with filters declared by annotation without URL patterns); the
 * pages would then go out without their headers and a cross-site post would be taken. So at start every protective
 * filter must be registered with its mapping ({@code WEB-INF/web.xml}), and on every page request each filter that
 * guards every request must have marked the request ({@link #ran}). If either is not so, the product refuses to
 * serve: one log line says which filters and why, every page answers 503 ({@link UnprotectedPageRefusal}) and the
 * readiness check is DOWN, so that a load balancer sends nobody there.
 */
@ApplicationScoped
public class FilterProtection {

    /** What a refusal's log line starts with. */
    public static final String REFUSAL = "ResetFlow refuses to serve: ";

    /** The filters that guard every request, mapped to {@code /*}: each marks the request it ran on. */
    static final List<String> ON_EVERY_REQUEST = List.of("SecurityHeadersFilter", "BadRequestFilter", "CrossSiteFormFilter",
            "SessionVersionFilter");

    /** The filters that guard some paths only: each must be registered with at least one mapping. */
    static final List<String> ON_SOME_PATHS = List.of("OwnAccountsFilter", "MailedLinkFilter", "ForbiddenAsNotFoundFilter",
            "ServerErrorLog");

    private static final String MARK = FilterProtection.class.getName() + ".ran.";
    private static final Logger LOG = Logger.getLogger(FilterProtection.class.getName());

    private final AtomicReference<String> refusal = new AtomicReference<>();

    /** Marks the request as having passed through this filter; called by each filter of {@link #ON_EVERY_REQUEST}. */
    public static void ran(ServletRequest request, String filterName) {
        request.setAttribute(MARK + filterName, Boolean.TRUE);
    }

    /**
     * At start: every protective filter registered, with its mapping. Called by {@link FilterRegistrationCheck}, a
     * listener declared in web.xml: a server may refuse to show its filter registrations to any other caller (Open
     * Liberty does, to CDI's own listener).
     */
    void checkRegistrations(ServletContext context) {
        missingRegistrations(context.getFilterRegistrations()).ifPresent(this::refuse);
    }

    /** Which protective filters the container holds without the mapping they need, if any, in words. */
    static Optional<String> missingRegistrations(Map<String, ? extends FilterRegistration> registrations) {
        List<String> missing = new ArrayList<>();
        for (String name : ON_EVERY_REQUEST) {
            FilterRegistration registration = registrations.get(name);
            if (registration == null || !orEmpty(registration.getUrlPatternMappings()).contains("/*")) {
                missing.add(name + " (not mapped to /*)");
            }
        }
        for (String name : ON_SOME_PATHS) {
            FilterRegistration registration = registrations.get(name);
            if (registration == null || mappings(registration).isEmpty()) {
                missing.add(name + " (no mapping)");
            }
        }
        return missing.isEmpty() ? Optional.empty()
                : Optional.of("the server holds these protective filters without their mapping: " + String.join(", ", missing)
                        + "; WEB-INF/web.xml maps them, so the server dropped or overrode them");
    }

    private static Collection<String> mappings(FilterRegistration registration) {
        List<String> all = new ArrayList<>(orEmpty(registration.getUrlPatternMappings()));
        all.addAll(orEmpty(registration.getServletNameMappings()));
        return all;
    }

    /** A registration's mappings; Open Liberty gives null where there are none. */
    private static Collection<String> orEmpty(Collection<String> mappings) {
        return mappings == null ? List.of() : mappings;
    }

    /**
     * On a page request: whether every filter that guards every request ran on it. The first request without them turns
     * the product to refusing, as a missing registration does.
     */
    boolean admits(ServletRequest request, String path) {
        List<String> skipped = ON_EVERY_REQUEST.stream().filter(name -> request.getAttribute(MARK + name) == null).toList();
        if (!skipped.isEmpty()) {
            refuse("these protective filters did not run on a request for " + path + ": " + String.join(", ", skipped));
        }
        return refusal.get() == null;
    }

    /** Why the product refuses to serve, if it does. */
    public Optional<String> refusal() {
        return Optional.ofNullable(refusal.get());
    }

    private void refuse(String why) {
        if (refusal.compareAndSet(null, why)) {
            LOG.severe(REFUSAL + why + "; every page answers 503 and readiness is DOWN until the application is redeployed"
                    + " with its filters");
        }
    }
}
