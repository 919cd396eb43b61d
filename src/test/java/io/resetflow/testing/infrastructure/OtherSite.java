package io.resetflow.testing.infrastructure;

import com.sun.net.httpserver.HttpServer;
import io.resetflow.testing.Browser;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jsoup.nodes.Entities;

/**
 * Another site, as an attacker runs one: served on this machine under a host name of its own ({@link #HOST}, which
 * {@link Browser#startBesides} resolves to loopback), so that the browser counts it as another origin and another
 * site than the product's. Its pages are links to anywhere.
 */
public final class OtherSite implements AutoCloseable {

    public static final String HOST = "other-site.test";

    private final HttpServer server;
    private final Map<String, String> pages = new ConcurrentHashMap<>();

    private OtherSite(HttpServer server) {
        this.server = server;
    }

    public static OtherSite start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), Ports.free()), 0);
        OtherSite site = new OtherSite(server);
        server.createContext("/", exchange -> {
            String page = site.pages.get(exchange.getRequestURI().getPath());
            byte[] body = (page == null ? "not here" : page).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=UTF-8");
            exchange.sendResponseHeaders(page == null ? 404 : 200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return site;
    }

    /** Puts up a page at this path holding one link, {@code <a id="link">}, to this address; returns the page's address. */
    public URI linkPage(String path, String target) {
        pages.put(path, "<!DOCTYPE html><html><head><title>Win a prize</title></head><body><a id=\"link\" href=\""
                + Entities.escape(target) + "\">Claim your prize</a></body></html>");
        return URI.create("http://" + HOST + ":" + server.getAddress().getPort() + path);
    }

    /** The Chromium switch that makes a browser find {@link #HOST} on this machine. */
    public String hostResolverRule() {
        return "--host-resolver-rules=MAP " + HOST + " 127.0.0.1";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
