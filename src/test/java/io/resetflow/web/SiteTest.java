package io.resetflow.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SiteTest {

    @Test
    void withoutAHostSignInTheProductHasItsOwnAccountsAndSignInPage() {
        Site site = site("https://reset.example.org", Optional.empty());

        assertThat(site.isOwnAccounts()).isTrue();
        assertThat(site.signInHref("/reset")).isEqualTo("/reset/sign-in");
    }

    @Test
    void withAHostSignInEverySignInLinkLeadsThere() {
        Site site = site("https://reset.example.org", Optional.of(" https://shop.example.org/login?next=%2Faccount "));

        assertThat(site.isOwnAccounts()).isFalse();
        assertThat(site.signInHref("/reset")).isEqualTo("https://shop.example.org/login?next=%2Faccount");
    }

    @Test
    void aBlankHostSignInCountsAsNone() {
        assertThat(site("https://reset.example.org", Optional.of("  ")).isOwnAccounts()).isTrue();
    }

    @Test
    void aHostSignInThatIsNotAnAbsoluteWebAddressStopsTheStartNamingTheSetting() {
        for (String wrong : new String[] {"/login", "shop.example.org/login", "javascript:alert(1)", "ftp://shop.example.org/",
                "https://shop.example.org/login#top", "https://exa mple.org/"}) {
            assertThatThrownBy(() -> site("http://localhost:8080", Optional.of(wrong))).as(wrong)
                    .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("HOST_SIGN_IN_URL (host.sign-in-url)");
        }
    }

    @Test
    void aPlainHttpHostSignInIsRefusedWhenTheProductIsServedOverHttps() {
        assertThatThrownBy(() -> site("https://reset.example.org", Optional.of("http://shop.example.org/login")))
                .hasMessageContaining("must be https");
        assertThat(site("http://localhost:8080", Optional.of("http://localhost:9000/login")).isOwnAccounts()).isFalse();
    }

    @Test
    void theProductNameAndSupportAddressAreChecked() {
        Site named = site("https://reset.example.org", Optional.empty());
        named.productName = " Example Shop ";
        named.supportAddress = Optional.of(" help@shop.example ");
        named.check();
        assertThat(named.getProductName()).isEqualTo("Example Shop");
        assertThat(named.getSupportAddress()).isEqualTo("help@shop.example");
        assertThat(named.supportLine(Locale.GERMAN)).hasValue("Fragen? Schreiben Sie an help@shop.example.");
        assertThat(site("https://reset.example.org", Optional.empty()).supportLine(Locale.GERMAN)).isEmpty();

        Site twoLines = site("https://reset.example.org", Optional.empty());
        twoLines.productName = "Shop\nBcc: x@example.org";
        assertThatThrownBy(twoLines::check).hasMessageStartingWith("APP_PRODUCT_NAME");

        Site notAnAddress = site("https://reset.example.org", Optional.empty());
        notAnAddress.supportAddress = Optional.of("help desk");
        assertThatThrownBy(notAnAddress::check).hasMessageStartingWith("APP_SUPPORT_ADDRESS");
    }

    private static Site site(String baseUrl, Optional<String> hostSignInUrl) {
        Site site = new Site();
        site.baseUrl = baseUrl;
        site.productName = "ResetFlow";
        site.supportAddress = Optional.empty();
        site.hostSignInUrl = hostSignInUrl;
        site.check();
        return site;
    }
}
