package io.resetflow.launch;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The run command ({@code ./mvnw -Prun}): serves the product on http://localhost:8080/ (or HTTP_PORT)
 * on Payara Micro, with the embedded H2 database unless DB_HOST is set. Without SMTP_HOST it also runs a
 * local mail sink and prints every mail the product sends, in full, on this console, so the whole
 * forgot-password story can be tried on one machine. Ctrl+C stops everything it started.
 */
public final class DevServer {

    private static final int DEFAULT_SINK_PORT = 2525;

    private DevServer() {
    }

    public static void main(String[] args) throws Exception {
        Path project = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        Map<String, String> env = new HashMap<>();
        int httpPort = Integer.parseInt(System.getenv().getOrDefault("HTTP_PORT", "8080"));
        if (!isFree(httpPort)) {
            System.err.println("Port " + httpPort + " is in use. Stop what listens there, or set HTTP_PORT to another port.");
            System.exit(2);
        }
        if (System.getenv("DB_HOST") == null && System.getenv("H2_DATABASE_FILE") == null) {
            Files.createDirectories(project.resolve("data"));
            env.put("H2_DATABASE_FILE", project.resolve("data").resolve("resetflow").toString());
        }

        MailSink sink = null;
        if (System.getenv("SMTP_HOST") == null) {
            sink = new MailSink(isFree(DEFAULT_SINK_PORT) ? DEFAULT_SINK_PORT : PayaraMicroServer.freePort()).start();
            env.put("SMTP_HOST", "127.0.0.1");
            env.put("SMTP_PORT", Integer.toString(sink.port()));
        }

        PayaraMicroServer.Launch launch = new PayaraMicroServer.Launch(project,
                Path.of(System.getProperty("run.server.dir", "target/server")).toAbsolutePath(),
                Path.of(System.getProperty("run.war", "target/resetflow.war")).toAbsolutePath(),
                project.resolve("target").resolve("run-" + httpPort), httpPort, env, true, "");
        MailSink startedSink = sink;
        ScheduledExecutorService printer = Executors.newSingleThreadScheduledExecutor();
        PayaraMicroServer server;
        try {
            server = PayaraMicroServer.start(launch, Duration.ofMinutes(5));
        } catch (Exception e) {
            System.err.println("ResetFlow did not start: " + e.getMessage());
            if (startedSink != null) {
                startedSink.close();
            }
            printer.shutdownNow();
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            printer.shutdownNow();
            server.close();
            if (startedSink != null) {
                startedSink.close();
            }
        }, "resetflow-stop"));

        System.out.println();
        System.out.println("ResetFlow is up: http://localhost:" + httpPort + "/");
        System.out.println(System.getenv("DB_HOST") == null
                ? "Database: embedded H2 in " + env.getOrDefault("H2_DATABASE_FILE", System.getenv("H2_DATABASE_FILE"))
                : "Database: " + System.getenv("DB_HOST") + " (server-config/mysql.asadmin)");
        if (sink != null) {
            System.out.println("Mail: every mail the product sends is printed here (local sink on port " + sink.port() + ").");
            printer.scheduleWithFixedDelay(new MailPrinter(sink, System.out), 500, 500, TimeUnit.MILLISECONDS);
        }
        System.out.println("Press Ctrl+C to stop.");
        System.exit(server.waitFor());
    }

    private static boolean isFree(int port) {
        try (ServerSocket ignored = new ServerSocket(port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Prints each newly received mail once, headers and body. */
    private static final class MailPrinter implements Runnable {

        private final MailSink sink;
        private final PrintStream out;
        private int printed;

        MailPrinter(MailSink sink, PrintStream out) {
            this.sink = sink;
            this.out = out;
        }

        @Override
        public void run() {
            var received = sink.received();
            for (; printed < received.size(); printed++) {
                print(received.get(printed));
            }
        }

        private void print(MimeMessage mail) {
            try {
                out.println();
                out.println("==================== mail " + (printed + 1) + " ====================");
                out.println("From:    " + String.join(", ", java.util.Arrays.stream(mail.getFrom()).map(Object::toString).toList()));
                out.println("To:      " + String.join(", ", java.util.Arrays.stream(mail.getAllRecipients()).map(Object::toString).toList()));
                out.println("Subject: " + mail.getSubject());
                out.println("Date:    " + mail.getSentDate());
                out.println();
                out.println(mail.getContent());
                out.println("=================================================");
            } catch (MessagingException | IOException e) {
                out.println("(could not read mail " + (printed + 1) + ": " + e.getMessage() + ")");
            }
        }
    }
}
