package io.resetflow.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletRequest;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FilterProtectionTest {

    @Test
    void everyProtectiveFilterMappedAsWebXmlMapsItPassesTheStartCheck() {
        assertThat(FilterProtection.missingRegistrations(asMapped())).isEmpty();
    }

    @Test
    void aFilterDroppedOrLeftWithoutItsMappingFailsTheStartCheckByName() {
        Map<String, FilterRegistration> registrations = asMapped();
        registrations.remove("CrossSiteFormFilter");
        registrations.put("SecurityHeadersFilter", registration(Set.of("/index.xhtml"), Set.of()));
        registrations.put("MailedLinkFilter", registration(Set.of(), Set.of()));

        assertThat(FilterProtection.missingRegistrations(registrations)).hasValueSatisfying(why -> assertThat(why)
                .contains("SecurityHeadersFilter (not mapped to /*)", "CrossSiteFormFilter (not mapped to /*)", "MailedLinkFilter (no mapping)")
                .doesNotContain("BadRequestFilter", "SessionVersionFilter", "OwnAccountsFilter"));
    }

    @Test
    void aServerThatGivesNullForNoMappingsIsReadAsNoMappings() {
        Map<String, FilterRegistration> registrations = asMapped();
        registrations.put("OwnAccountsFilter", registration(null, null));
        registrations.put("ServerErrorLog", registration(Set.of("/WEB-INF/errorpages/500.xhtml"), null));

        assertThat(FilterProtection.missingRegistrations(registrations)).hasValueSatisfying(why -> assertThat(why)
                .contains("OwnAccountsFilter (no mapping)").doesNotContain("ServerErrorLog"));
    }

    @Test
    void aFilterMappedByServletNameCountsAsMapped() {
        Map<String, FilterRegistration> registrations = asMapped();
        registrations.put("ServerErrorLog", registration(Set.of(), Set.of("facesServlet")));

        assertThat(FilterProtection.missingRegistrations(registrations)).isEmpty();
    }

    @Test
    void aRequestEveryFilterRanOnIsAdmittedOneWithoutATurnsTheProductToRefusingForGood() {
        FilterProtection protection = new FilterProtection();
        ServletRequest guarded = request();
        FilterProtection.ON_EVERY_REQUEST.forEach(name -> FilterProtection.ran(guarded, name));
        assertThat(protection.admits(guarded, "/forgot-password")).isTrue();
        assertThat(protection.refusal()).isEmpty();

        ServletRequest unguarded = request();
        FilterProtection.ON_EVERY_REQUEST.stream().filter(name -> !name.equals("CrossSiteFormFilter"))
                .forEach(name -> FilterProtection.ran(unguarded, name));
        assertThat(protection.admits(unguarded, "/forgot-password")).isFalse();
        assertThat(protection.refusal()).hasValue("these protective filters did not run on a request for /forgot-password: CrossSiteFormFilter");

        assertThat(protection.admits(guarded, "/sign-in")).as("a guarded request once the product refuses").isFalse();
    }

    private static Map<String, FilterRegistration> asMapped() {
        Map<String, FilterRegistration> registrations = new LinkedHashMap<>();
        FilterProtection.ON_EVERY_REQUEST.forEach(name -> registrations.put(name, registration(Set.of("/*"), Set.of())));
        FilterProtection.ON_SOME_PATHS.forEach(name -> registrations.put(name, registration(Set.of("/some-page"), Set.of())));
        return registrations;
    }

    private static FilterRegistration registration(Set<String> urlPatterns, Set<String> servletNames) {
        return (FilterRegistration) Proxy.newProxyInstance(FilterProtectionTest.class.getClassLoader(), new Class<?>[] {FilterRegistration.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getUrlPatternMappings" -> urlPatterns;
                    case "getServletNameMappings" -> servletNames;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    /** A request that keeps its attributes, as a container's does. */
    private static ServletRequest request() {
        Map<String, Object> attributes = new HashMap<>();
        return (ServletRequest) Proxy.newProxyInstance(FilterProtectionTest.class.getClassLoader(), new Class<?>[] {ServletRequest.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "setAttribute" -> attributes.put((String) args[0], args[1]);
                    case "getAttribute" -> attributes.get((String) args[0]);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
