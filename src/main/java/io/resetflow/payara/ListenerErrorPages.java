package io.resetflow.payara;

import io.resetflow.web.BadRequestFilter;
import io.resetflow.web.Languages;
import io.resetflow.web.Messages;
import io.resetflow.web.SecurityHeaders;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.Transport;
import org.glassfish.grizzly.filterchain.Filter;
import org.glassfish.grizzly.filterchain.FilterChain;
import org.glassfish.grizzly.http.HttpPacket;
import org.glassfish.grizzly.http.HttpPacketParsing;
import org.glassfish.grizzly.http.HttpProbe;
import org.glassfish.grizzly.http.HttpRequestPacket;
import org.glassfish.grizzly.http.HttpResponsePacket;
import org.glassfish.grizzly.http.HttpServerFilter;
import org.glassfish.grizzly.http.util.HttpStatus;
import org.glassfish.grizzly.http.util.MimeHeaders;
import org.glassfish.grizzly.memory.Buffers;
import org.glassfish.grizzly.ssl.SSLUtils;
import org.jsoup.nodes.Entities;

/**
 * The product's page for a request the HTTP listener refuses before any application code runs: a request line
 * longer than the listener's buffer ({@code header-buffer-length-bytes}, 64 KiB, see http-listener.asadmin) gets
 * 414, header fields over that buffer or more of them than {@code max-request-headers} (1000) get 431, and a
 * request the listener cannot parse gets 400, or 505 for an HTTP version other than 1.0 and 1.1. Each answer carries the headers of every page and a short page in the language the request's
 * {@code lang} cookie or {@code Accept-Language} asks for, when those came before the limit; the connection is
 * closed after it, as the listener would. Requests within the listener's limits but over the pages' own reach
 * {@link BadRequestFilter}, which answers them the same way.
 * <p>
 * The listener offers no setting or hook for this: left alone, Grizzly (Payara's HTTP engine) answers such a
 * request with an empty 400 and no security headers. It does tell the probes on its HTTP codec about a request it
 * could not parse, just before it answers; so at start this bean adds such a probe to the codec of every listener
 * but the admin console's, and removes it when the application stops. The probe writes the whole answer itself and
 * marks the response as sent, so the listener adds nothing. Over TLS terminated by the listener itself it only
 * sets the status and headers (the listener then sends them with an empty body), because the listener's TLS layer
 * must write last. Payara's access log, itself such a probe, records these requests with status 400 whatever the
 * answer was. The listeners are found through Payara's own services, reached by reflection because Payara does
 * not publish those classes; where they cannot be reached, the listener's own 400 stays and one log line says so.
 * Not a CDI bean: {@code web/ListenerPages} installs it on Payara only, so no other server loads a Grizzly class.
 */
public final class ListenerErrorPages implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ListenerErrorPages.class.getName());

    /** Payara Server's admin console listener: its answers stay the server's own. */
    private static final String ADMIN_LISTENER = "admin-listener";

    private final List<HttpServerFilter> codecs = new ArrayList<>();
    private final Probe probe;

    private ListenerErrorPages(Probe probe) {
        this.probe = probe;
    }

    /**
     * Adds the error pages to every listener but the admin console's; where the listeners cannot be reached, logs one
     * line and adds nothing. Called only where {@link Payara#isPresent()}.
     *
     * @param headers the headers of every page
     */
    public static ListenerErrorPages install(Map<String, String> headers, String contextPath, String productName) {
        ListenerErrorPages pages = new ListenerErrorPages(new Probe(headers, contextPath, productName));
        try {
            for (FilterChain chain : listenerFilterChains()) {
                for (Filter filter : chain) {
                    if (filter instanceof HttpServerFilter codec) {
                        codec.getMonitoringConfig().addProbes(pages.probe);
                        pages.codecs.add(codec);
                    }
                }
            }
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            LOG.log(Level.WARNING, "Requests over the HTTP listener's limits get the server's own empty 400:"
                    + " its listeners could not be reached ({0})", e.toString());
            return pages;
        }
        LOG.log(Level.FINE, "Error pages added to {0} HTTP listener codecs", pages.codecs.size());
        return pages;
    }

    /** Removes the error pages from the listeners, when the application stops. */
    @Override
    public void close() {
        for (HttpServerFilter codec : codecs) {
            codec.getMonitoringConfig().removeProbes(probe);
        }
        codecs.clear();
    }

    /** The root filter chain of every network listener of this server but the admin console's. */
    private static List<FilterChain> listenerFilterChains() throws ReflectiveOperationException {
        ClassLoader loader = ListenerErrorPages.class.getClassLoader();
        Class<?> globals = Class.forName("org.glassfish.internal.api.Globals", true, loader);
        Class<?> locatorType = Class.forName("org.glassfish.hk2.api.ServiceLocator", true, loader);
        Class<?> serviceType = Class.forName("com.sun.enterprise.v3.services.impl.GrizzlyService", true, loader);
        Class<?> listenerType = Class.forName("org.glassfish.grizzly.config.dom.NetworkListener", true, loader);
        Object locator = globals.getMethod("getDefaultHabitat").invoke(null);
        Object service = locatorType.getMethod("getService", Class.class, Annotation[].class)
                .invoke(locator, serviceType, new Annotation[0]);
        List<?> listeners = (List<?>) locatorType.getMethod("getAllServices", Class.class, Annotation[].class)
                .invoke(locator, listenerType, new Annotation[0]);
        Method lookup = serviceType.getMethod("lookupNetworkProxy", listenerType);
        Method name = listenerType.getMethod("getName");
        List<FilterChain> chains = new ArrayList<>();
        for (Object listener : listeners) {
            if (ADMIN_LISTENER.equals(name.invoke(listener))) {
                continue;
            }
            Object proxy = lookup.invoke(service, listener);
            if (proxy == null) {
                continue;
            }
            Object grizzlyListener = proxy.getClass().getMethod("getUnderlyingListener").invoke(proxy);
            Object transport = grizzlyListener.getClass().getMethod("getTransport").invoke(grizzlyListener);
            if (transport instanceof Transport t && t.getProcessor() instanceof FilterChain chain) {
                chains.add(chain);
            }
        }
        if (chains.isEmpty()) {
            throw new IllegalStateException("no HTTP listener found");
        }
        return chains;
    }

    /**
     * The status for a request the listener could not parse: 414 or 431 for its limits, 505 for an HTTP version
     * other than 1.0 and 1.1 (this listener speaks no other), 400 for anything else. Decided here rather than read
     * from the listener's response, whose status Payara's access log sets to 400 for every such request.
     */
    static int statusFor(Throwable error, String protocol) {
        if (error instanceof MimeHeaders.MaxHeaderCountExceededException) {
            return BadRequestFilter.HEADERS_TOO_LARGE;
        }
        String message = String.valueOf(error.getMessage());
        if (message.contains("header is too large")) {
            return BadRequestFilter.HEADERS_TOO_LARGE;
        }
        if (message.contains("line is too large")) { // Grizzly spells it "intial line"
            return HttpServletResponse.SC_REQUEST_URI_TOO_LONG;
        }
        if (!protocol.isEmpty() && !protocol.equals("HTTP/1.1") && !protocol.equals("HTTP/1.0")) {
            return HttpServletResponse.SC_HTTP_VERSION_NOT_SUPPORTED;
        }
        return HttpServletResponse.SC_BAD_REQUEST;
    }

    /** Answers, on the listener's thread, what the listener could not parse. Holds only final, shared state. */
    static final class Probe extends HttpProbe.Adapter {

        private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

        private final Map<String, String> headers;
        private final String contextPath;
        private final String productName;
        private final Map<String, byte[]> bodies = new ConcurrentHashMap<>();

        Probe(Map<String, String> headers, String contextPath, String productName) {
            this.headers = headers;
            this.contextPath = contextPath;
            this.productName = productName;
        }

        @Override
        public void onErrorEvent(Connection connection, HttpPacket packet, Throwable error) {
            // Only a request whose head could not be parsed: once parsed, the request is the application's.
            if (!(packet instanceof HttpRequestPacket request) || !(packet instanceof HttpPacketParsing parsing)
                    || parsing.isHeaderParsed()) {
                return;
            }
            HttpResponsePacket response = request.getResponse();
            if (response == null || response.isCommitted()) {
                return;
            }
            try {
                int status = statusFor(error, request.getProtocolDC().toString());
                if (SSLUtils.getSSLEngine(connection) != null) {
                    HttpStatus.getHttpStatus(status).setValues(response);
                    headers.forEach(response::setHeader);
                    return;
                }
                Locale language = Languages.forHeaders(request.getHeader("Cookie"), request.getHeader("Accept-Language"));
                connection.write(Buffers.wrap(connection.getMemoryManager(), answer(status, language, !isHead(request))));
                response.setCommitted(true);
            } catch (RuntimeException e) {
                // Whatever went wrong here, the listener's own answer still goes out.
                LOG.log(Level.FINE, "Listener error page not sent", e);
            }
        }

        /** Whether the request asked for the headers only; its method is parsed first, so it is known here. */
        private static boolean isHead(HttpRequestPacket request) {
            try {
                return org.glassfish.grizzly.http.Method.HEAD.equals(request.getMethod());
            } catch (RuntimeException unparsed) {
                return false;
            }
        }

        /** The whole HTTP answer: status line, headers and, unless asked for the headers only, the page. */
        byte[] answer(int status, Locale language, boolean withPage) {
            byte[] body = bodies.computeIfAbsent(status + "/" + language.getLanguage(), key -> page(status, language));
            StringBuilder head = new StringBuilder(1024)
                    .append("HTTP/1.1 ").append(status).append(' ').append(HttpStatus.getHttpStatus(status).getReasonPhrase()).append("\r\n")
                    .append("Date: ").append(HTTP_DATE.format(ZonedDateTime.now(ZoneOffset.UTC))).append("\r\n");
            headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
            head.append("Content-Type: text/html;charset=UTF-8\r\n")
                    .append("Content-Language: ").append(language.getLanguage()).append("\r\n")
                    .append("Content-Length: ").append(body.length).append("\r\n")
                    .append("Connection: close\r\n\r\n");
            byte[] start = head.toString().getBytes(StandardCharsets.ISO_8859_1);
            if (!withPage) {
                return start;
            }
            byte[] answer = new byte[start.length + body.length];
            System.arraycopy(start, 0, answer, 0, start.length);
            System.arraycopy(body, 0, answer, start.length, body.length);
            return answer;
        }

        /** The page: the layout's header, title and text of the error page for this status, and a link home. */
        private byte[] page(int status, Locale language) {
            ResourceBundle messages = ResourceBundle.getBundle(Messages.BUNDLE, language,
                    ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
            String page = status == HttpServletResponse.SC_REQUEST_URI_TOO_LONG || status == BadRequestFilter.HEADERS_TOO_LARGE
                    ? "error." + status : "error.400";
            String title = Entities.escape(messages.getString(page + ".title"));
            String product = Entities.escape(productName);
            String root = Entities.escape(contextPath);
            String home = root + "/";
            String html = "<!DOCTYPE html>\n<html lang=\"" + language.getLanguage() + "\">\n<head>\n"
                    + "<meta charset=\"UTF-8\"/>\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n"
                    + "<title>" + title + " · " + product + "</title>\n"
                    + "<link rel=\"stylesheet\" href=\"" + root + SecurityHeaders.RESOURCE_PREFIX + "css/app.css.xhtml\"/>\n"
                    + "</head>\n<body>\n<header class=\"site-header\"><a class=\"brand\" href=\"" + home + "\">" + product + "</a></header>\n"
                    + "<main id=\"content\" class=\"content\">\n<h1>" + title + "</h1>\n"
                    + "<p>" + Entities.escape(messages.getString(page + ".text")) + "</p>\n"
                    + "<p><a href=\"" + home + "\">" + Entities.escape(messages.getString("label.back_home")) + "</a></p>\n"
                    + "</main>\n</body>\n</html>\n";
            return html.getBytes(StandardCharsets.UTF_8);
        }
    }
}
