package io.resetflow.web;

import jakarta.servlet.http.HttpServletRequest;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;

/**
 * Coarse facts about the client of a request, for rate limits, audit lines and the "password changed"
 * mail: its address and a shortened, printable user agent. The address is the socket's, unless the socket
 * is a configured trusted proxy: then it is what {@link ForwardedClient} reads from the proxy's header.
 */
public record ClientInfo(String address, String userAgent) {

    private static final int USER_AGENT_MAX = 120;

    public static ClientInfo of(HttpServletRequest request, ForwardedClient forwarded) {
        return new ClientInfo(address(request, forwarded), printable(request.getHeader("User-Agent")));
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

    static String address(HttpServletRequest request, ForwardedClient forwarded) {
        List<String> values = new ArrayList<>();
        Enumeration<String> headers = request.getHeaders(forwarded.header().headerName());
        while (headers != null && headers.hasMoreElements()) {
            values.add(headers.nextElement());
        }
        return forwarded.clientOf(request.getRemoteAddr(), values);
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
