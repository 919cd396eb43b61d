package io.resetflow.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.resetflow.web.ForwardedClient.Header;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ForwardedClientTest {

    private static final String PROXY = "10.0.0.1";
    private static final byte[] KEY = "a secret of at least thirty-two characters".getBytes(StandardCharsets.UTF_8);

    private static final ForwardedClient X_FORWARDED_FOR = new ForwardedClient(Set.of(PROXY, "2001:db8:ffff::1"), Header.X_FORWARDED_FOR, KEY);
    private static final ForwardedClient FORWARDED = new ForwardedClient(Set.of(PROXY), Header.FORWARDED, KEY);

    @ParameterizedTest(name = "{0}: {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
            "X_FORWARDED_FOR | 203.0.113.7                    | 203.0.113.7",
            "X_FORWARDED_FOR | 203.0.113.7:1001               | 203.0.113.7",
            "X_FORWARDED_FOR | 203.0.113.7:65535              | 203.0.113.7",
            "X_FORWARDED_FOR | ' 203.0.113.7 '                | 203.0.113.7",
            "X_FORWARDED_FOR | 2001:db8::1                    | 2001:db8::1",
            "X_FORWARDED_FOR | [2001:db8::1]                  | 2001:db8::1",
            "X_FORWARDED_FOR | [2001:db8::1]:443              | 2001:db8::1",
            "X_FORWARDED_FOR | 2001:DB8::1                    | 2001:db8::1",
            "X_FORWARDED_FOR | ::ffff:203.0.113.7             | 203.0.113.7",
            "X_FORWARDED_FOR | [::ffff:203.0.113.7]:80        | 203.0.113.7",
            "X_FORWARDED_FOR | '198.51.100.1, 203.0.113.7'    | 203.0.113.7",
            "X_FORWARDED_FOR | '203.0.113.7, 10.0.0.1'        | 203.0.113.7",
            "X_FORWARDED_FOR | '203.0.113.7:5, [2001:db8:ffff::1]:8443' | 203.0.113.7",
            "FORWARDED       | for=203.0.113.7                                   | 203.0.113.7",
            "FORWARDED       | For=203.0.113.7;proto=https;by=10.0.0.1           | 203.0.113.7",
            "FORWARDED       | for=\"203.0.113.7:4711\"                          | 203.0.113.7",
            "FORWARDED       | for=\"203.0.113.7:_hidden-port\"                  | 203.0.113.7",
            "FORWARDED       | for=\"[2001:db8:cafe::17]:4711\"                  | 2001:db8:cafe::17",
            "FORWARDED       | for=\"[2001:db8:cafe::17]\"                       | 2001:db8:cafe::17",
            "FORWARDED       | 'for=198.51.100.1, for=203.0.113.7;proto=http'    | 203.0.113.7",
            "FORWARDED       | 'proto=http;for=\"203.0.113.7\", for=10.0.0.1'    | 203.0.113.7",
    })
    void everyFormProxiesWriteNamesItsAddress(Header header, String value, String client) {
        ForwardedClient forwarded = reading(header);
        assertThat(forwarded.clientOf(PROXY, List.of(value))).isEqualTo(client);
    }

    @Test
    void aPortNeverMakesOneClientMany() {
        assertThat(X_FORWARDED_FOR.clientOf(PROXY, List.of("203.0.113.7:1001")))
                .isEqualTo(X_FORWARDED_FOR.clientOf(PROXY, List.of("203.0.113.7:1002")))
                .isEqualTo(X_FORWARDED_FOR.clientOf(PROXY, List.of("203.0.113.7")));
        assertThat(new ClientInfo(X_FORWARDED_FOR.clientOf(PROXY, List.of("[2001:db8:1:2::7]:1001")), "ua").network())
                .isEqualTo(new ClientInfo(X_FORWARDED_FOR.clientOf(PROXY, List.of("2001:db8:1:2::8")), "ua").network())
                .isEqualTo("2001:db8:1:2::/64");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "X_FORWARDED_FOR | garbage",
            "X_FORWARDED_FOR | unknown",
            "X_FORWARDED_FOR | 203.0.113.256",
            "X_FORWARDED_FOR | 203.0.113",
            "X_FORWARDED_FOR | 0203.0.113.7",
            "X_FORWARDED_FOR | 203.0.113.7:port",
            "X_FORWARDED_FOR | 203.0.113.7:123456",
            "X_FORWARDED_FOR | [2001:db8::1]:x",
            "X_FORWARDED_FOR | [2001:db8::1",
            "X_FORWARDED_FOR | a:b",
            "X_FORWARDED_FOR | fe80::1%eth0",
            "X_FORWARDED_FOR | localhost",
            "X_FORWARDED_FOR | example.org",
            "FORWARDED       | for=unknown",
            "FORWARDED       | for=_hidden",
            "FORWARDED       | proto=https",
            "FORWARDED       | for=\"203.0.113.7",
            "FORWARDED       | for=[2001:db8::1]:443x",
    })
    void anEntryThatNamesNoAddressIsAClientOfItsOwnNeverTheProxy(Header header, String entry) {
        ForwardedClient forwarded = reading(header);

        String client = forwarded.clientOf(PROXY, List.of(entry));

        assertThat(client).isNotEqualTo(PROXY).startsWith(ForwardedClient.UNPARSED).doesNotContain(entry)
                .hasSize(ForwardedClient.UNPARSED.length() + 16);
        assertThat(forwarded.clientOf(PROXY, List.of(entry))).as("the same text, the same client").isEqualTo(client);
        assertThat(forwarded.clientOf(PROXY, List.of(entry + "x"))).as("other text, another client").isNotEqualTo(client);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "2001:0db8:0000:0000:0000:0000:0000:0001 | 2001:db8::1",
            "2001:db8:0:0:1:0:0:1                    | 2001:db8::1:0:0:1",
            "2001:db8:0:1:1:1:1:1                    | 2001:db8:0:1:1:1:1:1",
            "0:0:0:0:0:0:0:0                         | ::",
            "0:0:0:0:0:0:0:1                         | ::1",
            "fe80:0:0:0:0:0:0:0                      | fe80::",
            "2001:DB8:A::B                           | 2001:db8:a::b",
    })
    void ipv6IsWrittenAsRfc5952Says(String written, String canonical) {
        assertThat(ForwardedClient.address(written)).contains(canonical);
    }

    @Test
    void theDigestIsKeyed() {
        ForwardedClient otherKey = new ForwardedClient(Set.of(PROXY), Header.X_FORWARDED_FOR,
                "another secret of at least thirty-two characters".getBytes(StandardCharsets.UTF_8));
        assertThat(otherKey.clientOf(PROXY, List.of("garbage"))).isNotEqualTo(X_FORWARDED_FOR.clientOf(PROXY, List.of("garbage")));
    }

    @Test
    void withoutATrustedProxyTheHeaderIsIgnored() {
        assertThat(X_FORWARDED_FOR.clientOf("198.51.100.9", List.of("203.0.113.7"))).isEqualTo("198.51.100.9");
        assertThat(X_FORWARDED_FOR.clientOf("::1", List.of("203.0.113.7"))).isEqualTo("::1");
    }

    @Test
    void aProxyWithoutAHeaderIsItsOwnClient() {
        assertThat(X_FORWARDED_FOR.clientOf(PROXY, List.of())).isEqualTo(PROXY);
        assertThat(X_FORWARDED_FOR.clientOf(PROXY, List.of(" , "))).isEqualTo(PROXY);
    }

    @Test
    void onlyTheConfiguredHeaderIsRead() {
        assertThat(Header.named("forwarded")).isEqualTo(Header.FORWARDED);
        assertThat(Header.named(" X-Forwarded-For ")).isEqualTo(Header.X_FORWARDED_FOR);
        assertThatThrownBy(() -> Header.named("X-Real-IP")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aTrustedProxyIsAnAddressInAnyForm() {
        ForwardedClient v6Proxy = new ForwardedClient(Set.of("[::1]"), Header.X_FORWARDED_FOR, KEY);
        assertThat(v6Proxy.clientOf("0:0:0:0:0:0:0:1", List.of("203.0.113.7"))).isEqualTo("203.0.113.7");
        assertThatThrownBy(() -> new ForwardedClient(Set.of("proxy.example.org"), Header.X_FORWARDED_FOR, KEY))
                .hasMessageContaining("proxy.example.org");
    }

    private static ForwardedClient reading(Header header) {
        return header == Header.FORWARDED ? FORWARDED : X_FORWARDED_FOR;
    }
}
