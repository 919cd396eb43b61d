package io.resetflow.web;

import jakarta.servlet.http.HttpServletRequest;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Set;

/**
 * Coarse facts about the client of a request, for rate limits, audit lines and the "password changed"
 * mail: its address and a shortened, printable user agent. The address is the socket's, unless the socket
 * is a configured trusted proxy: then it is the nearest address in X-Forwarded-For that is not one.
 */
public record ClientInfo(String address, String userAgent) {

    private static final int USER_AGENT_MAX = 120;
    private static final int ADDRESS_MAX = 45;

    public static ClientInfo of(HttpServletRequest request, Set<String> trustedProxies) {
        return new ClientInfo(address(request, trustedProxies), printable(request.getHeader("User-Agent")));
    }

    /**
     * What per-client limits count against: the address itself for IPv4, its /64 network for IPv6, where a
     * single subscriber commonly holds a whole /64 and could otherwise count as billions of clients.
     */
    public String network() {
        if (address.indexOf(':') < 0) {
            return address;
        }
        try {
            byte[] bytes = InetAddress.getByName(address).getAddress();
            if (bytes.length != 16) {
                return address;
            }
            ByteBuffer prefix = ByteBuffer.wrap(bytes, 0, 8);
            return String.format("%x:%x:%x:%x::/64", prefix.getShort() & 0xffff, prefix.getShort() & 0xffff,
                    prefix.getShort() & 0xffff, prefix.getShort() & 0xffff);
        } catch (UnknownHostException notAnAddress) {
            return address;
        }
    }

    static String address(HttpServletRequest request, Set<String> trustedProxies) {
        String address = request.getRemoteAddr();
        if (!trustedProxies.contains(address)) {
            return address;
        }
        List<String> forwarded = new ArrayList<>();
        for (Enumeration<String> headers = request.getHeaders("X-Forwarded-For"); headers != null && headers.hasMoreElements(); ) {
            for (String hop : headers.nextElement().split(",")) {
                forwarded.add(hop.strip());
            }
        }
        for (int i = forwarded.size() - 1; i >= 0; i--) {
            String hop = forwarded.get(i);
            if (!trustedProxies.contains(hop)) {
                return isAddress(hop) ? hop : address;
            }
        }
        return address;
    }

    private static boolean isAddress(String value) {
        return !value.isEmpty() && value.length() <= ADDRESS_MAX && value.chars().allMatch(c ->
                (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == '.' || c == ':');
    }

    static String printable(String value) {
        if (value == null || value.isBlank()) {
            return "unknown";
        }
        String cleaned = value.codePoints()
                .filter(c -> c >= 0x20 && c < 0x7f)
                .limit(USER_AGENT_MAX)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString()
                .strip();
        return cleaned.isEmpty() ? "unknown" : cleaned;
    }
}
