package io.resetflow.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClientInfoTest {

    @Test
    void userAgentIsShortenedAndStrippedOfControlCharacters() {
        String hostile = "Mozilla/5.0\r\nBcc: eve@evil.example\u0000" + "x".repeat(500);
        String cleaned = cleaned(hostile);
        assertThat(cleaned).doesNotContain("\r").doesNotContain("\n").doesNotContain("\u0000").hasSizeLessThanOrEqualTo(120);
        assertThat(cleaned).startsWith("Mozilla/5.0Bcc: eve@evil.example");
    }

    @Test
    void missingUserAgentIsUnknown() {
        assertThat(cleaned(null)).isEqualTo("unknown");
        assertThat(cleaned("\u0001\u0002")).isEqualTo("unknown");
    }

    private static String cleaned(String userAgent) {
        return ClientInfo.printable(userAgent);
    }

    @Test
    void limitsCountAnIpv6ClientByItsSlash64AndAnIpv4ClientByItsAddress() {
        assertThat(new ClientInfo("2001:db8:1:2:3:4:5:6", "ua").network()).isEqualTo("2001:db8:1:2::/64");
        assertThat(new ClientInfo("2001:db8:1:2::9", "ua").network()).isEqualTo("2001:db8:1:2::/64");
        assertThat(new ClientInfo("2001:db8:1:3::9", "ua").network()).isEqualTo("2001:db8:1:3::/64");
        assertThat(new ClientInfo("::1", "ua").network()).isEqualTo("0:0:0:0::/64");
        assertThat(new ClientInfo("192.0.2.7", "ua").network()).isEqualTo("192.0.2.7");
    }
}
