package io.resetflow.web;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Who the client of a request is when it came through trusted reverse proxies: the nearest address in the
 * forwarding header that is not a trusted proxy. Every form proxies write is read as the address it names:
 * {@code 192.0.2.7}, {@code 192.0.2.7:1001}, {@code 2001:db8::1}, {@code [2001:db8::1]}, {@code [2001:db8::1]:443},
 * and RFC 7239's {@code for=} with quotes and obfuscated ports, so a port never makes one client many. An entry
 * that names no address (garbage, {@code unknown}, an obfuscated identifier such as {@code _hidden}) is a client
 * of its own, keyed by a keyed digest of its text: never the proxy, whose budget everybody behind it shares, and
 * never the text itself, which an attacker chose.
 * <p>
 * Addresses are parsed as literals only: nothing here ever asks DNS.
 */
public final class ForwardedClient {

    /** The header a trusted proxy writes the client's address into. */
    public enum Header {
        X_FORWARDED_FOR("X-Forwarded-For"), FORWARDED("Forwarded");

        private final String name;

        Header(String name) {
            this.name = name;
        }

        public String headerName() {
            return name;
        }

        /** {@code X-Forwarded-For} or {@code Forwarded}, in any case. */
        public static Header named(String name) {
            for (Header header : values()) {
                if (header.name.equalsIgnoreCase(name.strip())) {
                    return header;
                }
            }
            throw new IllegalArgumentException("app.forwarded-header must be X-Forwarded-For or Forwarded, was " + name);
        }
    }

    /** What an entry that names no address becomes: this prefix and the start of its keyed digest. */
    static final String UNPARSED = "unparsed-";
    private static final int DIGEST_HEX = 16;

    private static final Pattern IPV4 = Pattern.compile("(0|[1-9]\\d{0,2})\\.(0|[1-9]\\d{0,2})\\.(0|[1-9]\\d{0,2})\\.(0|[1-9]\\d{0,2})");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");
    /** RFC 7239 node-port: a port number, or an obfuscated one. */
    private static final Pattern PORT = Pattern.compile("\\d{1,5}|_[A-Za-z0-9._-]+");
    private static final Pattern BRACKETED = Pattern.compile("\\[([^\\]]*)\\](?::(.*))?");

    private final Set<String> trustedProxies;
    private final Header header;
    private final SecretKeySpec digestKey;

    /**
     * @param trustedProxies addresses of the proxies whose header is believed, in any form {@link #address} reads
     * @param header         the header those proxies write
     * @param digestKey      the secret that keys the digest of an entry naming no address
     * @throws IllegalArgumentException if a trusted proxy is not an address
     */
    public ForwardedClient(Set<String> trustedProxies, Header header, byte[] digestKey) {
        this.trustedProxies = trustedProxies.stream()
                .map(proxy -> address(proxy).orElseThrow(() -> new IllegalArgumentException(
                        "app.trusted-proxies holds something that is not an IP address: " + proxy)))
                .collect(Collectors.toUnmodifiableSet());
        this.header = header;
        this.digestKey = new SecretKeySpec(digestKey, "HmacSHA256");
    }

    public Header header() {
        return header;
    }

    /**
     * The client's address: the socket's, unless the socket is a trusted proxy; then the nearest entry of the
     * header, from the right, that is not a trusted proxy.
     *
     * @param socketAddress the address the request came from
     * @param headerValues  every value of {@link #header()} on the request, in order
     */
    public String clientOf(String socketAddress, List<String> headerValues) {
        String socket = address(socketAddress).orElse(socketAddress);
        if (!trustedProxies.contains(socket)) {
            return socket;
        }
        List<String> hops = hops(headerValues);
        for (int i = hops.size() - 1; i >= 0; i--) {
            String hop = hops.get(i);
            Optional<String> address = header == Header.FORWARDED ? forwardedFor(hop) : address(hop);
            if (address.isEmpty()) {
                return UNPARSED + digest(hop);
            }
            if (!trustedProxies.contains(address.get())) {
                return address.get();
            }
        }
        return socket;
    }

    /** The entries of the header's values, left to right, empty ones left out. */
    static List<String> hops(List<String> values) {
        List<String> hops = new ArrayList<>();
        for (String value : values) {
            for (String hop : splitOutsideQuotes(value, ',')) {
                if (!hop.isBlank()) {
                    hops.add(hop.strip());
                }
            }
        }
        return hops;
    }

    /** The address in an RFC 7239 element's {@code for=} parameter; empty if it has none or it names none. */
    static Optional<String> forwardedFor(String element) {
        for (String pair : splitOutsideQuotes(element, ';')) {
            int equals = pair.indexOf('=');
            if (equals > 0 && pair.substring(0, equals).strip().toLowerCase(Locale.ROOT).equals("for")) {
                return unquoted(pair.substring(equals + 1).strip()).flatMap(ForwardedClient::address);
            }
        }
        return Optional.empty();
    }

    /**
     * The canonical form of the address an entry names ({@code ip}, {@code ip:port}, bare IPv6, {@code [v6]},
     * {@code [v6]:port}): IPv4 dotted, IPv6 as RFC 5952 writes it, an IPv4-mapped IPv6 address as its IPv4 address.
     * Empty if the entry names no address.
     */
    public static Optional<String> address(String entry) {
        String text = entry.strip();
        Matcher bracketed = BRACKETED.matcher(text);
        if (bracketed.matches()) {
            String port = bracketed.group(2);
            return port == null || PORT.matcher(port).matches() ? ipv6(bracketed.group(1)) : Optional.empty();
        }
        int colon = text.indexOf(':');
        if (colon >= 0 && colon == text.lastIndexOf(':')) {
            // One colon: an IPv4 address and a port (an IPv6 address has at least two).
            return PORT.matcher(text.substring(colon + 1)).matches() ? ipv4(text.substring(0, colon)) : Optional.empty();
        }
        return colon < 0 ? ipv4(text) : ipv6(text);
    }

    private static Optional<String> ipv4(String text) {
        Matcher octets = IPV4.matcher(text);
        if (!octets.matches()) {
            return Optional.empty();
        }
        for (int i = 1; i <= 4; i++) {
            if (Integer.parseInt(octets.group(i)) > 255) {
                return Optional.empty();
            }
        }
        return Optional.of(text);
    }

    private static Optional<String> ipv6(String text) {
        if (!IPV6.matcher(text).matches() || text.indexOf(':') < 0) {
            return Optional.empty();
        }
        try {
            // In brackets, Java reads the text as an IPv6 literal or fails; it never looks a name up.
            InetAddress address = InetAddress.getByName("[" + text + "]");
            return Optional.of(address instanceof Inet6Address ? rfc5952(address.getAddress()) : address.getHostAddress());
        } catch (UnknownHostException notAnAddress) {
            return Optional.empty();
        }
    }

    /** An IPv6 address as RFC 5952 writes it: lower case, no leading zeros, the longest run of zero groups as "::". */
    static String rfc5952(byte[] address) {
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((address[2 * i] & 0xff) << 8) | (address[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; i++) {
            int length = 0;
            while (i + length < 8 && groups[i + length] == 0) {
                length++;
            }
            if (length > bestLength) {
                bestStart = i;
                bestLength = length;
            }
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
                continue;
            }
            if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            text.append(Integer.toHexString(groups[i]));
        }
        return text.toString();
    }

    /** An RFC 7230 quoted-string's content, or a token as it is; empty for an unterminated quote. */
    private static Optional<String> unquoted(String value) {
        if (!value.startsWith("\"")) {
            return Optional.of(value);
        }
        StringBuilder content = new StringBuilder();
        for (int i = 1; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length()) {
                content.append(value.charAt(++i));
            } else if (c == '"') {
                return i == value.length() - 1 ? Optional.of(content.toString()) : Optional.empty();
            } else {
                content.append(c);
            }
        }
        return Optional.empty();
    }

    private static List<String> splitOutsideQuotes(String value, char separator) {
        List<String> parts = new ArrayList<>();
        StringBuilder part = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == '\\' && quoted && i + 1 < value.length()) {
                part.append(c);
                c = value.charAt(++i);
            } else if (c == separator && !quoted) {
                parts.add(part.toString());
                part.setLength(0);
                continue;
            }
            part.append(c);
        }
        parts.add(part.toString());
        return parts;
    }

    private String digest(String raw) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(digestKey);
            return HexFormat.of().formatHex(mac.doFinal(raw.getBytes(StandardCharsets.UTF_8))).substring(0, DIGEST_HEX);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Every Java runtime has HmacSHA256", e);
        }
    }
}
