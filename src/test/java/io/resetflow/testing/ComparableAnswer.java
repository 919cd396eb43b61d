package io.resetflow.testing;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An answer reduced to what must not differ between two requests that should look alike: status, header
 * names and values (less the date) and the body, with the per-request view state and CSP nonce masked.
 */
public record ComparableAnswer(int status, Map<String, List<String>> headers, String body) {

    public static ComparableAnswer of(WebClient.Page page) {
        Map<String, List<String>> headers = new TreeMap<>();
        page.headers().map().forEach((name, values) -> headers.put(name,
                values.stream().map(v -> v.replaceAll("'nonce-[^']*'", "'nonce-MASKED'")).toList()));
        headers.remove("date");
        String body = page.body().replaceAll("value=\"[^\"]*:[^\"]*\"", "value=\"VIEWSTATE\"")
                .replaceAll("nonce=\"[^\"]*\"", "nonce=\"MASKED\"")
                .replaceAll("name=\"primefaces.nonce\" value=\"[^\"]*\"", "name=\"primefaces.nonce\" value=\"MASKED\"")
                .replaceAll("PrimeFaces\\.csp\\.init\\('[^']*'\\)", "PrimeFaces.csp.init('MASKED')");
        return new ComparableAnswer(page.status(), headers, body);
    }
}
