package io.resetflow.web;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Coarse facts about the client of a request, for audit lines and the "password changed" mail: the
 * socket address and a shortened, printable user agent. Never a header a proxy could have set for us.
 */
public record ClientInfo(String address, String userAgent) {

    private static final int USER_AGENT_MAX = 120;

    public static ClientInfo of(HttpServletRequest request) {
        return new ClientInfo(request.getRemoteAddr(), printable(request.getHeader("User-Agent")));
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
