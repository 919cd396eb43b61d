package io.resetflow.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * A cookie-keeping HTTP client that fills in and submits the product's Faces forms the way a browser
 * without JavaScript would: every field of the form, the view state, and the pressed button.
 */
public final class WebClient {

    private String acceptLanguage;

    private boolean closingConnections;

    /**
     * Distinct client addresses, sent through the trusted proxy header, so per-client limits never mix tests;
     * each in its own IPv6 /64, the network such limits count by.
     */
    private static final AtomicInteger CLIENTS = new AtomicInteger();

    /**
     * One HTTP client for every web client of this JVM, as a browser shares its connections among its tabs: a client
     * per person would be a thread and a connection pool each, and a benchmark with thousands of people would
     * measure those. Each web client keeps its own cookies.
     *
     * <p>HTTP/1.1, as a browser speaks to a plain-http address: the JDK's default would ask for a cleartext HTTP/2
     * upgrade (h2c) in every GET, which the product's listener declines, and the JDK then often does not keep the
     * connection. The JDK reads which restricted headers a request may set once, when its first HTTP client is made:
     * {@code Connection} is allowed here, for {@link #closingConnections()}.
     */
    private static final HttpClient HTTP = httpClient();

    private static HttpClient httpClient() {
        System.setProperty("jdk.httpclient.allowRestrictedHeaders", "connection");
        return HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    }

    private final URI base;
    private final CookieManager cookies = new CookieManager();
    private final String clientAddress;

    public WebClient(Deployment product) {
        this(product, "2001:db8:" + Integer.toHexString(CLIENTS.incrementAndGet()) + "::1");
    }

    /** A client that the product sees at this address (the tests' server trusts 127.0.0.1 as a proxy). */
    public WebClient(Deployment product, String clientAddress) {
        this(product.baseUri(), clientAddress);
    }

    /** A client of the server at this address (a benchmark's server need not be one the tests started). */
    public WebClient(URI base, String clientAddress) {
        this.base = base;
        this.clientAddress = clientAddress;
    }

    /** A response and, for HTML, its parsed document. */
    public record Page(int status, URI uri, HttpHeaders headers, String body) {

        public Document document() {
            return Jsoup.parse(body, uri.toString());
        }

        public Optional<String> header(String name) {
            return headers.firstValue(name);
        }

        /** Visible text of the page's main content. */
        public String text() {
            Element main = document().getElementById("content");
            return main == null ? document().text() : main.text();
        }
    }

    /** GET, following redirects. */
    public Page get(String pathOrUri) {
        return follow(send(HttpRequest.newBuilder(resolve(pathOrUri)).GET()), 10);
    }

    /** One request exactly as given, redirects not followed. */
    public Page request(String method, String pathOrUri) {
        return request(method, pathOrUri, null, Map.of());
    }

    /** One request exactly as given, with a form-encoded body (or none) and these headers, redirects not followed. */
    public Page request(String method, String pathOrUri, String formBody, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(resolve(pathOrUri)).method(method,
                formBody == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(formBody));
        if (formBody != null) {
            request.header("Content-Type", "application/x-www-form-urlencoded");
        }
        headers.forEach(request::header);
        return send(request);
    }

    /**
     * Submits the form with this id as found on the page, with the given fields (by id within the form,
     * e.g. "email") replacing their current values, and follows redirects.
     */
    public Page submit(Page page, String formId, Map<String, String> fields) {
        PreparedPost post = prepare(page, formId, fields);
        return post(post.uri(), post.body());
    }

    /** A form's post, made ready to send later: where it goes and its encoded body. */
    public record PreparedPost(URI uri, String body) {
    }

    /** What {@link #submit} would send, without sending it (a benchmark prepares its posts before it times them). */
    public PreparedPost prepare(Page page, String formId, Map<String, String> fields) {
        return new PreparedPost(formAction(page, formId), encode(formValues(page, formId, fields)));
    }

    /** Where the form with this id posts to. */
    public static URI formAction(Page page, String formId) {
        return URI.create(form(page, formId).absUrl("action"));
    }

    /**
     * The names and values the form with this id sends, in order, with the given fields (by id within the form)
     * replacing their current values and its submit button pressed.
     */
    public static Map<String, String> formValues(Page page, String formId, Map<String, String> fields) {
        Element form = form(page, formId);
        Map<String, String> values = new LinkedHashMap<>();
        for (Element input : form.select("input[name]")) {
            String type = input.attr("type");
            if (!type.equals("checkbox") && !type.equals("radio") && !type.equals("submit")) {
                values.put(input.attr("name"), input.val());
            }
        }
        fields.forEach((id, value) -> values.put(formId + ":" + id, value));
        Element button = form.selectFirst("button[type=submit], input[type=submit]");
        if (button != null) {
            values.put(button.attr("name"), button.val());
        }
        return values;
    }

    private static Element form(Page page, String formId) {
        Element form = page.document().getElementById(formId);
        if (form == null) {
            throw new AssertionError("No form '" + formId + "' on " + page.uri() + ":\n" + page.text());
        }
        return form;
    }

    /** POSTs a form-encoded body as given, following redirects. */
    public Page post(URI uri, String formBody) {
        return post(uri, formBody, Map.of());
    }

    /**
     * POSTs a form-encoded body with these headers besides the usual ones (what a browser says about where the form
     * came from, say: {@code Sec-Fetch-Site}, {@code Origin}), following redirects.
     */
    public Page post(URI uri, String formBody, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(formBody));
        headers.forEach(request::header);
        return follow(send(request), 10);
    }

    public static String encode(Map<String, String> values) {
        return values.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    public String clientAddress() {
        return clientAddress;
    }

    /** Stores a cookie for the server as if it had set it: what an attacker does who plants a session id. */
    public void plantCookie(String name, String value) {
        try {
            cookies.put(base, Map.of("Set-Cookie", java.util.List.of(name + "=" + value + "; Path=/")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Forgets every cookie, as when the server has ended the session while the page stayed open. */
    public void forgetSession() {
        cookies.getCookieStore().removeAll();
    }

    public Optional<String> cookie(String name) {
        return cookies.getCookieStore().getCookies().stream()
                .filter(c -> c.getName().equals(name))
                .map(HttpCookie::getValue)
                .findFirst();
    }

    private Page follow(Page page, int hopsLeft) {
        if (hopsLeft > 0 && page.status() >= 301 && page.status() <= 308) {
            URI next = page.uri().resolve(page.header("Location").orElseThrow());
            return follow(send(HttpRequest.newBuilder(next).GET()), hopsLeft - 1);
        }
        return page;
    }

    /** From now on, every request says the person reads these languages ({@code Accept-Language}). */
    public WebClient acceptingLanguages(String acceptLanguage) {
        this.acceptLanguage = acceptLanguage;
        return this;
    }

    /**
     * From now on, every request asks the server to close the connection after its answer ({@code Connection: close}),
     * as a client without keep-alive does: each request then opens a new connection.
     */
    public WebClient closingConnections() {
        this.closingConnections = true;
        return this;
    }

    private Page send(HttpRequest.Builder request) {
        try {
            if (acceptLanguage != null) {
                request.header("Accept-Language", acceptLanguage);
            }
            if (closingConnections) {
                request.header("Connection", "close");
            }
            HttpRequest built = request.timeout(Duration.ofSeconds(60)).header("User-Agent", "ResetFlowTest/1.0")
                    .header("X-Forwarded-For", clientAddress).build();
            cookies.get(built.uri(), Map.of()).forEach((name, values) -> values.forEach(value -> request.header(name, value)));
            built = request.build();
            HttpResponse<String> response = HTTP.send(built, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            cookies.put(built.uri(), response.headers().map());
            return new Page(response.statusCode(), built.uri(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private URI resolve(String pathOrUri) {
        return pathOrUri.startsWith("http") ? URI.create(pathOrUri) : base.resolve(pathOrUri.startsWith("/") ? pathOrUri.substring(1) : pathOrUri);
    }
}
