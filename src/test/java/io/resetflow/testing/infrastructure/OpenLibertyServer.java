package io.resetflow.testing.infrastructure;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * An Open Liberty server of the installation Maven unpacked ({@code it.openliberty.dir}), set up as the docs tell
 * an operator: a server directory holding {@code server-config/openliberty/}'s {@code server.xml} and {@code jvm.options}
 * as they are committed, Connector/J as {@code lib/mysql-connector-j.jar} and the WAR as {@code apps/resetflow.war},
 * every value from the environment. Its user directory ({@code WLP_USER_DIR}) is the test's own, so the installation
 * stays as unpacked. Runs in the foreground ({@code server run}); stopped by {@code server stop}.
 */
public final class OpenLibertyServer extends ForegroundServer {

    private static final List<Pattern> DEPLOYMENT_FAILURES = List.of(
            Pattern.compile("CWWKZ0012I"), // the application was not started
            Pattern.compile("CWWKZ0002E"), // an exception occurred while starting the application
            Pattern.compile("CWWKF0001E"), // a feature definition could not be found
            Pattern.compile("CWWKG0014E")); // the configuration could not be parsed

    /** A message log line's severity: {@code [date] thread logger E message}. */
    private static final Pattern SEVERE = Pattern.compile("^\\[[^\\]]+\\] [0-9a-f]+ \\S+\\s+[EF] ");

    private static final String NAME = "resetflow";

    private final Path installation;
    private final Path userDir;
    private final Map<String, String> environment;

    private OpenLibertyServer(Path installation, Path userDir, Map<String, String> environment, Process process, Path console) {
        super("Open Liberty", process, console, Integer.parseInt(environment.get("HTTP_PORT")), Integer.parseInt(environment.get("OPS_PORT")));
        this.installation = installation;
        this.userDir = userDir;
        this.environment = environment;
    }

    /**
     * Makes the server directory, starts the server with this environment (which names {@code HTTP_PORT} and
     * {@code OPS_PORT}) and waits until the product answers its sign-in page.
     */
    public static OpenLibertyServer start(Path war, Path jdbcDriver, Map<String, String> environment, Duration timeout)
            throws IOException, InterruptedException {
        Path installation = Path.of(System.getProperty("it.openliberty.dir"));
        Path work = Path.of(System.getProperty("it.work.dir")).resolve("openliberty");
        Path userDir = work.resolve("usr");
        Path serverDir = userDir.resolve("servers").resolve(NAME);
        stopLeftover(installation, userDir);
        Directories.deleteRecursively(work);
        Files.createDirectories(serverDir.resolve("lib"));
        Files.createDirectories(serverDir.resolve("apps"));
        for (String file : List.of("server.xml", "jvm.options")) {
            Files.copy(Launch.projectDir().resolve("server-config/openliberty").resolve(file), serverDir.resolve(file));
        }
        Files.copy(jdbcDriver, serverDir.resolve("lib/mysql-connector-j.jar"));
        Files.copy(war, serverDir.resolve("apps/resetflow.war"), StandardCopyOption.COPY_ATTRIBUTES); // the build's file as it is

        Path console = work.resolve("console.log");
        Process process = command(installation, userDir, environment, "run").redirectErrorStream(true).redirectOutput(console.toFile()).start();
        OpenLibertyServer server = new OpenLibertyServer(installation, userDir, environment, process, console);
        server.awaitServing(timeout);
        return server;
    }

    /** {@code bin/server <action> resetflow}, with this user directory, the test's own JDK and this environment. */
    private static ProcessBuilder command(Path installation, Path userDir, Map<String, String> environment, String action) {
        ProcessBuilder builder = new ProcessBuilder("bash", installation.resolve("bin/server").toString(), action, NAME)
                .directory(installation.toFile());
        builder.environment().putAll(environment);
        builder.environment().put("WLP_USER_DIR", userDir.toString());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        return builder;
    }

    /** An earlier run's server, if that run ended without stopping it. */
    private static void stopLeftover(Path installation, Path userDir) throws IOException, InterruptedException {
        if (Files.isDirectory(userDir.resolve("servers").resolve(NAME).resolve("workarea"))) {
            Process stop = command(installation, userDir, Map.of(), "stop").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!stop.waitFor(2, TimeUnit.MINUTES)) {
                stop.destroyForcibly();
            }
        }
    }

    @Override
    List<Pattern> deploymentFailures() {
        return DEPLOYMENT_FAILURES;
    }

    @Override
    ProcessBuilder stopCommand() {
        return command(installation, userDir, environment, "stop");
    }

    /** The server's message log: what it says of its features, its configuration and the application. */
    @Override
    public String log() {
        Path log = userDir.resolve("servers").resolve(NAME).resolve("logs/messages.log");
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "";
        }
    }

    /** The lines of the message log at severity E (error) or F (fatal). */
    public List<String> errors() {
        return log().lines().filter(line -> SEVERE.matcher(line).find()).toList();
    }

}
