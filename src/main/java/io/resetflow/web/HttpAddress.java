package io.resetflow.web;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * An address a setting names for the product to send people or requests to (the host's sign-in page, the host's
 * webhook receiver): absolute http(s), with a host, without credentials or a fragment. Checked at start; a wrong value
 * stops the start with one line naming the setting, never repeating the value (it may carry a token in its query).
 */
public final class HttpAddress {

    private HttpAddress() {
    }

    /**
     * @param setting how the refusal names the setting, e.g. {@code HOST_SIGN_IN_URL (host.sign-in-url)}
     * @throws IllegalStateException if the value is no such address
     */
    public static URI of(String setting, String value) {
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(setting + " is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null || uri.getFragment() != null
                || uri.getUserInfo() != null) {
            throw new IllegalStateException(setting + " must be an absolute http(s) address without credentials or a fragment");
        }
        return uri;
    }
}
