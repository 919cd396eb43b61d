package io.resetflow;

import io.resetflow.testing.MailSink;
import io.resetflow.testing.infrastructure.Launch;
import io.resetflow.testing.infrastructure.PayaraMicroServer;
import io.resetflow.testing.infrastructure.Ports;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The run command ({@code ./mvnw -Prun}): serves the product on http://localhost:8080/ (or HTTP_PORT) on
 * Payara Micro, with the embedded H2 database unless DB_HOST is set. Without SMTP_HOST it also runs a
 * local mail sink and prints every mail, in full, on this console. Ctrl+C stops everything it started.
 */
public final class DevServer {

    public static void main(String[] args) throws Exception {
        int httpPort = Integer.parseInt(System.getenv().getOrDefault("HTTP_PORT", "8080"));
        if (!Ports.isFree(httpPort)) {
            System.err.println("Port " + httpPort + " is in use. Stop what listens there, or set HTTP_PORT to another port.");
            System.exit(2);
        }
        Map<String, String> env = new HashMap<>();
        // A try-out on this machine: http links, a local database without verified TLS, a local mail sink.
        env.put("APP_DEV_MODE", "true");
        if (System.getenv("DB_HOST") == null && System.getenv("H2_DATABASE_FILE") == null) {
            env.put("H2_DATABASE_FILE", Files.createDirectories(Path.of("data")).toAbsolutePath().resolve("resetflow").toString());
        }
        int opsPort = System.getenv("OPS_PORT") != null ? Integer.parseInt(System.getenv("OPS_PORT")) : Ports.isFree(9090) ? 9090 : Ports.free();
        env.put("OPS_PORT", Integer.toString(opsPort));
        MailSink sink = System.getenv("SMTP_HOST") != null ? null : new MailSink(Ports.isFree(2525) ? 2525 : Ports.free()).start();
        if (sink != null) {
            env.put("SMTP_HOST", "127.0.0.1");
            env.put("SMTP_PORT", Integer.toString(sink.port()));
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (sink != null) {
                sink.close();
            }
        }, "mail-sink-stop"));

        PayaraMicroServer server;
        try {
            server = PayaraMicroServer.start(Launch.forRunCommand(httpPort, env), Duration.ofMinutes(5));
        } catch (PayaraMicroServer.Exited refused) {
            // The server's last words on this console said why (a refusal ends with "ResetFlow refuses to start: ...").
            System.exit(refused.status());
            return;
        } catch (Exception e) {
            System.err.println("ResetFlow did not start: " + e.getMessage());
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "resetflow-stop"));
        System.out.println("\nResetFlow is up: http://localhost:" + httpPort + "/");
        System.out.println("Operators: health details http://127.0.0.1:" + opsPort + "/health, metrics http://127.0.0.1:" + opsPort + "/metrics");
        System.out.println(System.getenv("DB_HOST") == null
                ? "Database: embedded H2 in " + env.getOrDefault("H2_DATABASE_FILE", System.getenv("H2_DATABASE_FILE"))
                : "Database: " + System.getenv("DB_HOST") + " (server-config/mysql.asadmin)");
        if (sink != null) {
            Path mailDir = Path.of("target", "run-" + httpPort, "mail").toAbsolutePath();
            System.out.println("Mail: every mail the product sends is printed here and kept in " + mailDir
                    + " (local sink on port " + sink.port() + ").");
            sink.printEachMail(System.out, mailDir);
        }
        System.out.println("Press Ctrl+C to stop.");
        System.exit(server.waitFor());
    }
}
