package io.resetflow.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecurityHeadersTest {

    @Test
    void httpsBaseUrlAddsStrictTransportSecurity() {
        assertThat(headersFor("https://reset.example.org", "/sign-in")).containsEntry("Strict-Transport-Security",
                "max-age=31536000; includeSubDomains");
    }

    @Test
    void plainHttpBaseUrlSendsNoStrictTransportSecurity() {
        assertThat(headersFor("http://localhost:8080", "/sign-in")).doesNotContainKey("Strict-Transport-Security");
    }

    @Test
    void pagesAreNotCachedButFacesResourcesAre() {
        assertThat(headersFor("http://localhost:8080", "/sign-in")).containsEntry("Cache-Control", "no-store");
        assertThat(headersFor("http://localhost:8080", "/jakarta.faces.resource/core.js.xhtml")).doesNotContainKey("Cache-Control");
    }

    @Test
    void everyResponseForbidsFramingSniffingAndReferrers() {
        Map<String, String> headers = headersFor("http://localhost:8080", "/");
        assertThat(headers.get("Content-Security-Policy")).contains("frame-ancestors 'none'").contains("default-src 'self'")
                .contains("object-src 'none'");
        assertThat(headers).containsEntry("X-Content-Type-Options", "nosniff").containsEntry("Referrer-Policy", "no-referrer")
                .containsEntry("X-Frame-Options", "DENY");
    }

    @Test
    void aRawPathThatLooksLikeAResourceButMapsToAPageIsTreatedAsAPage() {
        HttpServletRequest dotted = request("/jakarta.faces.resource/../account", "/account");
        assertThat(SecurityHeaders.isFacesResource(dotted)).isFalse();
        assertThat(SecurityHeaders.isFacesResource(request("/jakarta.faces.resource/css/app.css.xhtml",
                "/jakarta.faces.resource/css/app.css.xhtml"))).isTrue();
    }

    private static HttpServletRequest request(String rawUri, String servletPath) {
        return (HttpServletRequest) Proxy.newProxyInstance(SecurityHeadersTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getRequestURI" -> rawUri;
                    case "getServletPath" -> servletPath;
                    case "getContextPath" -> "";
                    default -> null;
                });
    }

    private static Map<String, String> headersFor(String baseUrl, String uri) {
        Map<String, String> headers = new HashMap<>();
        HttpServletRequest request = request(uri, uri);
        HttpServletResponse response = (HttpServletResponse) Proxy.newProxyInstance(SecurityHeadersTest.class.getClassLoader(),
                new Class<?>[] {HttpServletResponse.class}, (proxy, method, args) -> {
                    if (method.getName().equals("setHeader")) {
                        headers.put((String) args[0], (String) args[1]);
                    }
                    return null;
                });
        new SecurityHeaders(baseUrl).apply(request, response);
        return headers;
    }
}
