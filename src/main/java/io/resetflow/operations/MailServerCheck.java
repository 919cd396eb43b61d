package io.resetflow.operations;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.mail.Session;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLSocketFactory;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready when the mail session's SMTP server greets within two seconds. The answer is kept for thirty seconds,
 * so frequent probes do not become a connection flood on the mail server.
 */
@Readiness
@ApplicationScoped
public class MailServerCheck implements HealthCheck {

    static final String NAME = "mail-server";
    private static final int TIMEOUT_MILLIS = 2_000;
    private static final Duration KEEP = Duration.ofSeconds(30);

    @Resource(lookup = "java:comp/env/mail/resetflow")
    Session session;

    private final AtomicReference<Checked> last = new AtomicReference<>();

    private record Checked(HealthCheckResponse response, long atNanos) {
    }

    @Override
    public HealthCheckResponse call() {
        Checked checked = last.get();
        if (checked == null || System.nanoTime() - checked.atNanos() > KEEP.toNanos()) {
            checked = new Checked(greet(), System.nanoTime());
            last.set(checked);
        }
        return checked.response();
    }

    private HealthCheckResponse greet() {
        String host = session.getProperty("mail.smtp.host");
        int port = Integer.parseInt(session.getProperty("mail.smtp.port") == null ? "25" : session.getProperty("mail.smtp.port"));
        boolean implicitTls = Boolean.parseBoolean(session.getProperty("mail.smtp.ssl.enable"));
        try (Socket socket = implicitTls ? SSLSocketFactory.getDefault().createSocket() : new Socket()) {
            socket.connect(new InetSocketAddress(host, port), TIMEOUT_MILLIS);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            String greeting = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
            OutputStream out = socket.getOutputStream();
            out.write("QUIT\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            if (greeting != null && greeting.startsWith("220")) {
                return HealthCheckResponse.up(NAME);
            }
            return HealthCheckResponse.named(NAME).down().withData("error", "no 220 greeting").build();
        } catch (Exception e) {
            return HealthCheckResponse.named(NAME).down().withData("error", e.getClass().getSimpleName()).build();
        }
    }
}
