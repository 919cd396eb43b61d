package io.resetflow.testing.infrastructure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * A WildFly of the distribution Maven unpacked ({@code it.wildfly.dir}), copied whole into the test's work folder
 * (the setup adds modules to the installation itself), set up by {@code server-config/wildfly/resetflow.cli} with
 * WildFly's own CLI as the docs tell an administrator, and started with {@code standalone.sh}, every value from the
 * environment. Stopped by a {@code :shutdown} through its management interface.
 */
public final class WildFlyServer extends ForegroundServer {

    /** Log lines that mean the product will not serve, whatever else the log says. */
    private static final List<Pattern> DEPLOYMENT_FAILURES = List.of(
            Pattern.compile("WFLYSRV0026"), // started with errors
            Pattern.compile("WFLYCTL0013"), // an operation failed
            Pattern.compile("WFLYSRV0055")); // caught an exception during boot

    /** A server log line at ERROR or FATAL. */
    private static final Pattern SEVERE = Pattern.compile("^\\S+ \\S+ (ERROR|FATAL) ");

    private final Path home;
    private final Map<String, String> environment;

    private WildFlyServer(Path home, Map<String, String> environment, Process process, Path console) {
        super("WildFly", process, console, Integer.parseInt(environment.get("HTTP_PORT")), Integer.parseInt(environment.get("OPS_PORT")));
        this.home = home;
        this.environment = environment;
    }

    /**
     * Copies the installation, applies the setup file with this WAR, Connector/J and EclipseLink, starts the server with
     * this environment (which names {@code HTTP_PORT} and {@code OPS_PORT}) and waits until the product answers.
     */
    public static WildFlyServer start(Path war, Path jdbcDriver, Path eclipseLink, Map<String, String> environment, Duration timeout)
            throws IOException, InterruptedException {
        Path work = Path.of(System.getProperty("it.work.dir")).resolve("wildfly");
        Path home = work.resolve("wildfly");
        stopLeftover(home, environment);
        Directories.deleteRecursively(work);
        Files.createDirectories(work);
        run(new ProcessBuilder("cp", "-a", System.getProperty("it.wildfly.dir"), home.toString()), work.resolve("copy.log"));

        Path setUp = work.resolve("resetflow-cli.log");
        run(script(home, environment, "jboss-cli.sh", "--file=" + Launch.projectDir().resolve("server-config/wildfly/resetflow.cli"),
                "-Dresetflow.jdbc.driver=" + jdbcDriver, "-Dresetflow.eclipselink=" + eclipseLink, "-Dresetflow.war=" + war), setUp);
        String applied = Files.readString(setUp, StandardCharsets.UTF_8);
        if (!applied.contains("The batch executed successfully")) {
            throw new IllegalStateException("resetflow.cli did not apply:\n" + applied);
        }

        Path console = work.resolve("console.log");
        Process process = script(home, environment, "standalone.sh").redirectErrorStream(true).redirectOutput(console.toFile()).start();
        WildFlyServer server = new WildFlyServer(home, environment, process, console);
        server.awaitServing(timeout);
        return server;
    }

    /** {@code bin/<script> <arguments>} of this installation, with the test's own JDK and this environment. */
    private static ProcessBuilder script(Path home, Map<String, String> environment, String script, String... arguments) {
        List<String> command = new java.util.ArrayList<>(List.of("bash", home.resolve("bin").resolve(script).toString()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile());
        builder.environment().putAll(environment);
        builder.environment().put("JBOSS_HOME", home.toString());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().remove("JAVA_OPTS");
        return builder;
    }

    private static void run(ProcessBuilder builder, Path log) throws IOException, InterruptedException {
        Process process = builder.redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException(builder.command() + " did not end within 5 minutes");
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException(builder.command() + " ended with " + process.exitValue() + ":\n" + Files.readString(log));
        }
    }

    /** An earlier run's server, if that run ended without stopping it: its management interface is asked to shut down. */
    private static void stopLeftover(Path home, Map<String, String> environment) throws IOException, InterruptedException {
        if (Files.isDirectory(home.resolve("standalone/tmp"))) {
            Process stop = script(home, environment, "jboss-cli.sh", "--connect", "--controller=127.0.0.1:" + environment.get("OPS_PORT"),
                    "--command=:shutdown").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!stop.waitFor(1, TimeUnit.MINUTES)) {
                stop.destroyForcibly();
            }
        }
    }


    /** The server's log ({@code standalone/log/server.log}). */
    @Override
    public String log() {
        Path log = home.resolve("standalone/log/server.log");
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    List<Pattern> deploymentFailures() {
        return DEPLOYMENT_FAILURES;
    }

    /** A {@code :shutdown} through the management interface. */
    @Override
    ProcessBuilder stopCommand() {
        return script(home, environment, "jboss-cli.sh", "--connect", "--controller=127.0.0.1:" + operatorsUri().getPort(), "--command=:shutdown");
    }

    /** The lines of the server's log at ERROR or FATAL. */
    public List<String> errors() {
        return log().lines().filter(line -> SEVERE.matcher(line).find()).toList();
    }




    /** The WAR as the server holds it: the deployment content the CLI's {@code deploy} stored. */
    public Path deployedWar() throws IOException {
        try (var files = Files.walk(home.resolve("standalone/data/content"))) {
            return files.filter(path -> Files.isRegularFile(path) && path.getFileName().toString().equals("content")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("No deployment content under " + home));
        }
    }

}
