package io.resetflow.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.function.Function;

/**
 * The protective headers every answer of the product carries, pages and errors alike (on plain http, so without
 * Strict-Transport-Security), and the server banners none carries.
 */
public final class HeaderSet {

    private HeaderSet() {
    }

    /** Asserts the whole set on an answer, its headers looked up by name (in any case). */
    public static void assertComplete(String what, Function<String, Optional<String>> header) {
        assertThat(header.apply("X-Content-Type-Options")).as(what).hasValue("nosniff");
        assertThat(header.apply("Referrer-Policy")).as(what).hasValue("no-referrer");
        assertThat(header.apply("X-Frame-Options")).as(what).hasValue("DENY");
        assertThat(header.apply("Content-Security-Policy")).as(what).hasValueSatisfying(csp ->
                assertThat(csp).contains("default-src 'self'").contains("frame-ancestors 'none'").contains("form-action 'self'"));
        assertThat(header.apply("Cache-Control")).as(what).hasValue("no-store");
        assertThat(header.apply("Pragma")).as(what).hasValue("no-cache");
        assertThat(header.apply("Strict-Transport-Security")).as(what + ": plain http base URL").isEmpty();
        assertThat(header.apply("Server")).as(what).isEmpty();
        assertThat(header.apply("X-Powered-By")).as(what).isEmpty();
    }

    public static void assertComplete(String what, WebClient.Page page) {
        assertComplete(what, page::header);
    }
}
