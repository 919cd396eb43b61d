package io.resetflow.testing.infrastructure;

import io.resetflow.background.ApplicationStart;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * An application server the tests run in the foreground of its own start script (Open Liberty, WildFly): waited for
 * until the product answers its sign-in page, given up on as soon as its log says the deployment failed, and stopped
 * by the server's own stop command, then killed with whatever it left if that does not end it within a minute.
 */
abstract class ForegroundServer implements AutoCloseable {

    private final String name;
    private final Process process;
    private final Path console;
    private final URI baseUri;
    private final URI operatorsUri;

    ForegroundServer(String name, Process process, Path console, int httpPort, int opsPort) {
        this.name = name;
        this.process = process;
        this.console = console;
        this.baseUri = URI.create("http://127.0.0.1:" + httpPort);
        this.operatorsUri = URI.create("http://127.0.0.1:" + opsPort);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> process.descendants().forEach(ProcessHandle::destroy), name + "-stop"));
    }

    /** The server's own log, where it says what it deployed and what failed. */
    public abstract String log();

    /** Log entries that mean the product will not serve, whatever else the log says. */
    abstract List<Pattern> deploymentFailures();

    /** The server's own command that stops it. */
    abstract ProcessBuilder stopCommand();

    /**
     * Waits until the product answers its sign-in page; if the server fails first or takes longer, stops it and throws
     * with the log's tail.
     */
    void awaitServing(Duration timeout) throws InterruptedException {
        try {
            awaitTheProduct(timeout);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private void awaitTheProduct(Duration timeout) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " ended with status " + process.exitValue() + tail());
            }
            String log = log();
            for (Pattern failure : deploymentFailures()) {
                if (failure.matcher(log).find()) {
                    throw new IllegalStateException("The application did not start on " + name + " (" + failure + ")"
                            + refusal(log) + tail());
                }
            }
            try {
                HttpResponse<String> page = http.send(HttpRequest.newBuilder(baseUri.resolve("/sign-in")).timeout(Duration.ofSeconds(10)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (page.statusCode() == 200 && page.body().contains("id=\"sign-in\"")) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException(name + " did not serve the product within " + timeout + tail());
    }

    /** The product's own line saying why it refused to start, if the log has one: what a reader wants first. */
    private static String refusal(String log) {
        return log.lines().filter(line -> line.contains(ApplicationStart.REFUSAL)).findFirst()
                .map(line -> "\n" + line.substring(line.indexOf(ApplicationStart.REFUSAL)).strip()).orElse("");
    }

    private String tail() {
        List<String> lines = log().lines().toList();
        return "\n--- last lines of " + name + "'s log ---\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    }

    /** The public listener, where the product answers. */
    public URI baseUri() {
        return baseUri;
    }

    /** The operators' listener: the server's own health, with the product's checks in detail, and its metrics. */
    public URI operatorsUri() {
        return operatorsUri;
    }

    @Override
    public void close() {
        try {
            Process stop = stopCommand().redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(console.toFile())).start();
            if (!stop.waitFor(1, TimeUnit.MINUTES)) {
                stop.destroyForcibly();
            }
        } catch (IOException e) {
            // killed below
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process.descendants().forEach(child -> Processes.stop(child, Duration.ofSeconds(30)));
        Processes.stop(process, Duration.ofSeconds(30));
    }
}
