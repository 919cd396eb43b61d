package io.resetflow.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

/** Which posts count as coming from our own pages. */
class CrossSiteFormFilterTest {

    private static final String PRODUCT = "https://reset.example.com";
    private static final String ADDRESSED = "http://10.0.0.5:8080";

    @Test
    void fetchMetadataDecidesWhereTheBrowserSendsIt() {
        assertThat(CrossSiteFormFilter.fromOurPage("same-origin", "null", PRODUCT, ADDRESSED)).isTrue();
        assertThat(CrossSiteFormFilter.fromOurPage("none", null, PRODUCT, ADDRESSED)).as("typed or bookmarked").isTrue();
        assertThat(CrossSiteFormFilter.fromOurPage("same-site", PRODUCT, PRODUCT, ADDRESSED)).as("a sibling subdomain").isFalse();
        assertThat(CrossSiteFormFilter.fromOurPage("cross-site", PRODUCT, PRODUCT, ADDRESSED)).as("Origin cannot overrule it").isFalse();
        assertThat(CrossSiteFormFilter.fromOurPage("something-new", null, PRODUCT, ADDRESSED)).isFalse();
    }

    @Test
    void withoutFetchMetadataTheOriginMustBeOurs() {
        assertThat(CrossSiteFormFilter.fromOurPage(null, "https://reset.example.com", PRODUCT, ADDRESSED)).isTrue();
        assertThat(CrossSiteFormFilter.fromOurPage(null, "HTTPS://Reset.Example.com", PRODUCT, ADDRESSED)).isTrue();
        assertThat(CrossSiteFormFilter.fromOurPage(null, "http://10.0.0.5:8080", PRODUCT, ADDRESSED)).as("the host addressed").isTrue();
        assertThat(CrossSiteFormFilter.fromOurPage(null, "http://reset.example.com", PRODUCT, ADDRESSED)).as("other scheme").isFalse();
        assertThat(CrossSiteFormFilter.fromOurPage(null, "https://reset.example.com:8443", PRODUCT, ADDRESSED)).as("other port").isFalse();
        assertThat(CrossSiteFormFilter.fromOurPage(null, "https://reset.example.com.evil.example", PRODUCT, ADDRESSED)).isFalse();
        assertThat(CrossSiteFormFilter.fromOurPage(null, "null", PRODUCT, ADDRESSED)).as("an opaque origin").isFalse();
        assertThat(CrossSiteFormFilter.fromOurPage(null, "https://evil.example", PRODUCT, null)).isFalse();
    }

    @Test
    void withNeitherItIsNotABrowserPageAndNobodysTrustRidesOnIt() {
        assertThat(CrossSiteFormFilter.fromOurPage(null, null, PRODUCT, ADDRESSED)).isTrue();
    }

    @Test
    void originsAreWrittenAsBrowsersSendThem() {
        assertThat(CrossSiteFormFilter.origin(URI.create("https://Reset.Example.com/"))).isEqualTo("https://reset.example.com");
        assertThat(CrossSiteFormFilter.origin(URI.create("https://reset.example.com:443/app"))).isEqualTo("https://reset.example.com");
        assertThat(CrossSiteFormFilter.origin(URI.create("http://localhost:80"))).isEqualTo("http://localhost");
        assertThat(CrossSiteFormFilter.origin(URI.create("http://localhost:8080"))).isEqualTo("http://localhost:8080");
        assertThat(CrossSiteFormFilter.requestedOrigin("http", "127.0.0.1:8080")).isEqualTo("http://127.0.0.1:8080");
        assertThat(CrossSiteFormFilter.requestedOrigin("http", "[::1]:8080")).isEqualTo("http://[::1]:8080");
        assertThat(CrossSiteFormFilter.requestedOrigin("http", "bad host/with space")).isNull();
        assertThat(CrossSiteFormFilter.requestedOrigin("http", null)).isNull();
    }
}
